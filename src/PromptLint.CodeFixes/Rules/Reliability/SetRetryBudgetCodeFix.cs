using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PromptLint.Analyzers;
using PromptLint.Analyzers.Rules.Reliability;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptLint.CodeFixes.Rules.Reliability;

/// <summary>
/// PL3001: sets an explicit retry budget (3, or <c>promptlint.max_retries</c> when that is lower) in the SDK's own
/// options: the constant of <c>MaxRetries</c> or <c>ClientRetryPolicy(n)</c>, or a new member of the initializer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetRetryBudgetCodeFix)), Shared]
public sealed class SetRetryBudgetCodeFix : CodeFixProvider
{
    private const string RetryPolicyType = "global::System.ClientModel.Primitives.ClientRetryPolicy";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NoRetryBudget);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Suggested(diagnostic) is not { } retries
                || diagnostic.AdditionalLocations.Count == 0
                || diagnostic.Properties.GetValueOrDefault(ReliabilityAnalyzer.Properties.RetryFix) is null or nameof(RetryFix.None))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Set the retry budget to {retries.ToString(CultureInfo.InvariantCulture)}",
                    token => SetBudgetAsync(context.Document, diagnostic, token),
                    equivalenceKey: nameof(SetRetryBudgetCodeFix)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static int? Suggested(Diagnostic diagnostic)
    {
        var text = diagnostic.Properties.GetValueOrDefault(ReliabilityAnalyzer.Properties.SuggestedRetries);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static async Task<Document> SetBudgetAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var properties = diagnostic.Properties;
        if (root is null
            || Suggested(diagnostic) is not { } retries
            || !Enum.TryParse<RetryFix>(properties.GetValueOrDefault(ReliabilityAnalyzer.Properties.RetryFix), out var fix)
            || properties.GetValueOrDefault(ReliabilityAnalyzer.Properties.Member) is not { } member)
        {
            return document;
        }

        var target = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
        var count = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(retries));

        SyntaxNode? replacement = null;
        switch (fix)
        {
            case RetryFix.ReplaceValue when target is ExpressionSyntax constant:
                replacement = count;
                break;
            case RetryFix.AddToInitializer when target.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                target = creation;
                replacement = WithMember(creation, Assignment(member, count));
                break;
            case RetryFix.AddOptionsArgument
                when target.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { ArgumentList: { } arguments } creation
                && properties.GetValueOrDefault(ReliabilityAnalyzer.Properties.OptionsType) is { Length: > 0 } optionsType:
                target = creation;
                var options = ObjectCreationExpression(Qualified(optionsType).WithTrailingTrivia(Space))
                    .WithInitializer(InitializerExpression(
                        SyntaxKind.ObjectInitializerExpression,
                        SingletonSeparatedList<ExpressionSyntax>(Assignment(member, count))));
                replacement = creation.WithArgumentList(arguments.AddArguments(Argument(options)));
                break;
        }

        if (replacement is null)
            return document;

        var newRoot = root.ReplaceNode(target, replacement.WithTriviaFrom(target).WithAdditionalAnnotations(Formatter.Annotation));
        return document.WithSyntaxRoot(newRoot);
    }

    // MaxRetries = 3, or RetryPolicy = new ClientRetryPolicy(3).
    private static AssignmentExpressionSyntax Assignment(string member, LiteralExpressionSyntax count)
    {
        ExpressionSyntax value = member == RetryBudget.RetryPolicyMember
            ? ObjectCreationExpression(Qualified(RetryPolicyType.Substring("global::".Length)))
                .WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(count))))
            : count;
        return AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(member), value);
    }

    private static TypeSyntax Qualified(string fullName) =>
        ParseTypeName("global::" + fullName).WithAdditionalAnnotations(Simplifier.Annotation);

    private static BaseObjectCreationExpressionSyntax WithMember(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax assignment)
    {
        if (creation.Initializer is { } initializer)
        {
            var expressions = initializer.Expressions;
            var separators = expressions.GetSeparators().ToList();
            if (expressions.Count > 0 && separators.Count < expressions.Count)
                separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            return creation.WithInitializer(initializer.WithExpressions(SeparatedList(expressions.Add(assignment), separators)));
        }

        var newInitializer = InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList(assignment));
        return creation switch
        {
            ObjectCreationExpressionSyntax explicitNew => explicitNew
                .WithType(explicitNew.Type.WithTrailingTrivia(Space))
                .WithArgumentList(explicitNew.ArgumentList is { Arguments.Count: 0 }
                    ? null
                    : explicitNew.ArgumentList?.WithoutTrailingTrivia())
                .WithInitializer(newInitializer),
            ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew
                .WithArgumentList(implicitNew.ArgumentList.WithTrailingTrivia(Space))
                .WithInitializer(newInitializer),
            _ => creation.WithInitializer(newInitializer),
        };
    }
}
