using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using PromptLint.Analyzers;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.CodeFixes.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptLint.CodeFixes.Rules.Cost;

/// <summary>
/// PL1001: adds an output-token cap, with the value of <c>promptlint.default_max_output_tokens</c> (1024 unless
/// configured), to the options the call already builds, or passes new options that carry it; for a raw JSON request,
/// adds the cap key to the anonymous object, <c>JsonObject</c> or dictionary the body is written as.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOutputCapCodeFix)), Shared]
public sealed class AddOutputCapCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.MissingOutputCap);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CostAnalyzer.Properties.SuggestedCap, out var cap) || cap is null
                || diagnostic.Properties.GetValueOrDefault(CostAnalyzer.Properties.CapFix) is null or nameof(CapFix.None))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Cap the output at {int.Parse(cap, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture)} tokens",
                    token => AddCapAsync(context.Document, diagnostic, token),
                    equivalenceKey: nameof(AddOutputCapCodeFix)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> AddCapAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var properties = diagnostic.Properties;
        if (!Enum.TryParse<CapFix>(properties.GetValueOrDefault(CostAnalyzer.Properties.CapFix), out var fix)
            || properties.GetValueOrDefault(CostAnalyzer.Properties.CapProperty) is not { } capProperty
            || properties.GetValueOrDefault(CostAnalyzer.Properties.OptionsType) is not { } optionsType
            || !int.TryParse(properties.GetValueOrDefault(CostAnalyzer.Properties.SuggestedCap), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cap))
        {
            return document;
        }

        var targetSpan = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0].SourceSpan : diagnostic.Location.SourceSpan;
        var target = root.FindNode(targetSpan, getInnermostNodeForTie: true);
        var capValue = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(cap));

        SyntaxNode? replacement = null;
        switch (fix)
        {
            case CapFix.AddToInitializer when target.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                replacement = WithCap(creation, capProperty, capValue);
                target = creation;
                break;
            case CapFix.ReplaceNull when target is ExpressionSyntax nullValue:
                var convertedType = model.GetTypeInfo(nullValue, cancellationToken).ConvertedType;
                replacement = convertedType?.Name == "Nullable" || convertedType?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
                    ? capValue
                    : NewOptions(optionsType, capProperty, capValue);
                break;
            case CapFix.AddOptionsArgument when target.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                replacement = WithOptionsArgument(invocation, model, optionsType, capProperty, capValue, cancellationToken);
                target = invocation;
                break;
            case CapFix.UseOptionsOverload when target.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                replacement = WithOptionsOverload(invocation, model, optionsType, capProperty, capValue, cancellationToken);
                target = invocation;
                break;
            case CapFix.AddJsonMember when target.FirstAncestorOrSelf<AnonymousObjectCreationExpressionSyntax>() is { } anonymous:
                replacement = WithJsonMember(anonymous, capProperty, capValue);
                target = anonymous;
                break;
            case CapFix.AddJsonMember when target.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } dictionary:
                replacement = WithJsonEntry(dictionary, capProperty, capValue);
                target = dictionary;
                break;
        }

        if (replacement is null)
            return document;

        var newRoot = root.ReplaceNode(target, replacement.WithTriviaFrom(target).WithAdditionalAnnotations(Formatter.Annotation));
        return document.WithSyntaxRoot(newRoot);
    }

    // new { model = ..., messages = ... } gains max_tokens = 1024 as its last member.
    private static AnonymousObjectCreationExpressionSyntax WithJsonMember(
        AnonymousObjectCreationExpressionSyntax anonymous, string key, ExpressionSyntax value)
    {
        var initializers = anonymous.Initializers;
        var separators = initializers.GetSeparators().ToList();
        if (initializers.Count > 0 && separators.Count < initializers.Count)
            separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
        var member = AnonymousObjectMemberDeclarator(NameEquals(IdentifierName(key)), value);
        return anonymous.WithInitializers(SeparatedList(initializers.Add(member), separators));
    }

    // A JsonObject or dictionary gains ["max_tokens"] = 1024, or { "max_tokens", 1024 } where its entries are written so.
    private static BaseObjectCreationExpressionSyntax WithJsonEntry(BaseObjectCreationExpressionSyntax creation, string key, ExpressionSyntax value)
    {
        var name = LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(key));
        ExpressionSyntax entry = creation.Initializer is { RawKind: (int)SyntaxKind.CollectionInitializerExpression }
            ? InitializerExpression(SyntaxKind.ComplexElementInitializerExpression, SeparatedList<ExpressionSyntax>(new[] { name, value }))
            : AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                ImplicitElementAccess(BracketedArgumentList(SingletonSeparatedList(Argument(name)))),
                value);
        return ObjectInitializers.AddMember(creation, entry);
    }

    private static BaseObjectCreationExpressionSyntax WithCap(BaseObjectCreationExpressionSyntax creation, string capProperty, ExpressionSyntax value) =>
        ObjectInitializers.AddMember(creation, AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(capProperty), value));

    private static ExpressionSyntax NewOptions(string optionsType, string capProperty, ExpressionSyntax value)
    {
        var type = ParseTypeName("global::" + optionsType).WithAdditionalAnnotations(Simplifier.Annotation);
        var assignment = AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(capProperty), value);
        return ObjectCreationExpression(type.WithTrailingTrivia(Space))
            .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(assignment)));
    }

    private static InvocationExpressionSyntax? WithOptionsArgument(
        InvocationExpressionSyntax invocation,
        SemanticModel model,
        string optionsType,
        string capProperty,
        ExpressionSyntax capValue,
        CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            return null;

        var options = NewOptions(optionsType, capProperty, capValue);
        var arguments = invocation.ArgumentList.Arguments;
        var paramArray = operation.Arguments.FirstOrDefault(static a => a.ArgumentKind == ArgumentKind.ParamArray);
        if (paramArray is not null)
        {
            // CompleteChat(m1, m2) has no options overload: pass the messages as one collection, then the options.
            var messages = arguments.Where(a => IsElementOf(a, paramArray)).ToList();
            var leading = arguments.TakeWhile(a => !messages.Contains(a)).ToList();
            var collection = MessagesCollection(messages.Select(static a => a.Expression), paramArray, invocation);
            var list = leading.Concat(new[] { Argument(collection), Argument(options) });
            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SeparatedList(list)));
        }

        var optionsParameter = operation.TargetMethod.Parameters.FirstOrDefault(p => OutputCap.FullName(p.Type) == optionsType);
        if (optionsParameter is null)
            return null;

        var useName = arguments.Any(static a => a.NameColon is not null);
        var argument = useName
            ? Argument(NameColon(IdentifierName(optionsParameter.Name)), default, options)
            : Argument(options);

        // Keep the parameters' order: options go before a named argument that follows them, such as cancellationToken.
        var before = arguments.IndexOf(a => a.NameColon is { } name
            && operation.TargetMethod.Parameters.FirstOrDefault(p => p.Name == name.Name.Identifier.ValueText) is { } parameter
            && parameter.Ordinal > optionsParameter.Ordinal);
        var updated = before < 0 ? arguments.Add(argument) : arguments.Insert(before, argument);
        return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(updated));
    }

    /// <summary>
    /// CreateResponse(model, input, previousResponseId, cancellationToken) becomes
    /// CreateResponse(new CreateResponseOptions(model, items) { PreviousResponseId = ..., MaxOutputTokenCount = cap }, cancellationToken),
    /// the text input wrapped in one user message item.
    /// </summary>
    private static InvocationExpressionSyntax? WithOptionsOverload(
        InvocationExpressionSyntax invocation,
        SemanticModel model,
        string optionsType,
        string capProperty,
        ExpressionSyntax capValue,
        CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || operation.TargetMethod.Parameters.Length < 2)
        {
            return null;
        }

        ExpressionSyntax? Written(int ordinal) =>
            operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal && a.ArgumentKind == ArgumentKind.Explicit)?.Syntax is ArgumentSyntax argument
                ? argument.Expression.WithoutTrivia()
                : null;

        var modelId = Written(0);
        var input = Written(1);
        if (modelId is null || input is null)
            return null;

        var items = operation.TargetMethod.Parameters[1].Type.SpecialType == SpecialType.System_String
            ? UserItems(input, optionsType, invocation)
            : input;

        var members = new List<ExpressionSyntax>();
        var previous = operation.TargetMethod.Parameters.FirstOrDefault(static p => p.Name == "previousResponseId");
        if (previous is not null && Written(previous.Ordinal) is { } previousId)
            members.Add(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("PreviousResponseId"), previousId));
        members.Add(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(capProperty), capValue));

        var type = ParseTypeName("global::" + optionsType).WithAdditionalAnnotations(Simplifier.Annotation);
        var options = ObjectCreationExpression(type)
            .WithArgumentList(ArgumentList(SeparatedList(new[] { Argument(modelId), Argument(items) })))
            .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SeparatedList(members)));

        var arguments = new List<ArgumentSyntax> { Argument(options) };
        var token = operation.Arguments.FirstOrDefault(static a => a.Parameter?.Type.Name == nameof(CancellationToken) && a.ArgumentKind == ArgumentKind.Explicit);
        if (token?.Syntax is ArgumentSyntax tokenArgument)
            arguments.Add(tokenArgument.NameColon is null ? tokenArgument : tokenArgument.WithNameColon(NameColon(IdentifierName("cancellationToken"))));

        return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SeparatedList(arguments)));
    }

    private static ExpressionSyntax UserItems(ExpressionSyntax text, string optionsType, InvocationExpressionSyntax invocation)
    {
        var itemType = ParseTypeName("global::" + optionsType.Substring(0, optionsType.LastIndexOf('.') + 1) + "ResponseItem")
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var item = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, itemType, IdentifierName("CreateUserMessageItem")),
            ArgumentList(SingletonSeparatedList(Argument(text))));

        var languageVersion = ((CSharpParseOptions)invocation.SyntaxTree.Options).LanguageVersion;
        if (languageVersion >= LanguageVersion.CSharp12)
            return CollectionExpression(SingletonSeparatedList<CollectionElementSyntax>(ExpressionElement(item)));

        return ArrayCreationExpression(ArrayType(itemType, SingletonList(ArrayRankSpecifier(SingletonSeparatedList<ExpressionSyntax>(OmittedArraySizeExpression())))))
            .WithInitializer(InitializerExpression(SyntaxKind.ArrayInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(item)));
    }

    private static bool IsElementOf(ArgumentSyntax argument, IArgumentOperation paramArray) =>
        paramArray.Value is IArrayCreationOperation { Initializer: { } initializer }
        && initializer.ElementValues.Any(e => argument.Expression.Span.Contains(e.Syntax.Span));

    private static ExpressionSyntax MessagesCollection(
        IEnumerable<ExpressionSyntax> elements,
        IArgumentOperation paramArray,
        InvocationExpressionSyntax invocation)
    {
        var items = elements.Select(static e => e.WithoutTrivia()).ToList();
        var languageVersion = ((CSharpParseOptions)invocation.SyntaxTree.Options).LanguageVersion;
        if (languageVersion >= LanguageVersion.CSharp12)
        {
            return CollectionExpression(SeparatedList<CollectionElementSyntax>(items.Select(static e => ExpressionElement(e))));
        }

        var elementType = (paramArray.Parameter?.Type as IArrayTypeSymbol)?.ElementType;
        var typeName = ParseTypeName("global::" + (elementType is null ? "System.Object" : OutputCap.FullName(elementType))).WithAdditionalAnnotations(Simplifier.Annotation);
        return ArrayCreationExpression(ArrayType(typeName, SingletonList(ArrayRankSpecifier(SingletonSeparatedList<ExpressionSyntax>(OmittedArraySizeExpression())))))
            .WithInitializer(InitializerExpression(SyntaxKind.ArrayInitializerExpression, SeparatedList(items)));
    }
}
