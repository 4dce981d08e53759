using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PromptLint.Analyzers;
using PromptLint.Analyzers.Rules.Caching;
using Properties = PromptLint.Analyzers.Rules.Caching.AnthropicBreakpointRule.Properties;
using PromptLint.CodeFixes.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptLint.CodeFixes.Rules.Caching;

/// <summary>
/// PL2003: puts an ephemeral cache breakpoint at the end of the constant system prompt, in the SDK's own types. A
/// string system prompt becomes a one-block list whose block carries the breakpoint; in a list of blocks, the last
/// constant block gets it. The analyzer offers no fix when the request already has the API's maximum of breakpoints.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCacheBreakpointCodeFix)), Shared]
public sealed class AddCacheBreakpointCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIds.MissingCacheBreakpoint);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (FixOf(diagnostic) is null || diagnostic.AdditionalLocations.Count == 0)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add a cache breakpoint after the system prompt",
                    token => AddBreakpointAsync(context.Document, diagnostic, token),
                    equivalenceKey: nameof(AddCacheBreakpointCodeFix)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static BreakpointFix? FixOf(Diagnostic diagnostic) =>
        Enum.TryParse<BreakpointFix>(diagnostic.Properties.GetValueOrDefault(Properties.Fix), out var fix) ? fix : null;

    private static async Task<Document> AddBreakpointAsync(
        Document document,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null
            || FixOf(diagnostic) is not { } fix
            || diagnostic.Properties.GetValueOrDefault(Properties.CacheControlType) is not { } cacheControlType
            || diagnostic.Properties.GetValueOrDefault(Properties.BlockType) is not { } blockType)
        {
            return document;
        }

        // The fix target is the last additional location; the prompt's declaration, when known, comes before it.
        var span = diagnostic.AdditionalLocations[diagnostic.AdditionalLocations.Count - 1].SourceSpan;
        var target = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf()
            .OfType<ExpressionSyntax>().LastOrDefault(e => e.Span == span);
        if (target is null)
            return document;

        var cacheControl = NewCacheControl(cacheControlType);
        ExpressionSyntax? replacement = fix switch
        {
            BreakpointFix.WrapInBlock => SingleBlockList(target.WithoutTrivia(), blockType, cacheControl),
            BreakpointFix.AddToBlock when target is BaseObjectCreationExpressionSyntax block =>
                WithBreakpoint(block, cacheControl),
            _ => null,
        };

        if (replacement is null)
            return document;

        replacement = replacement.WithTriviaFrom(target).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(target, replacement));
    }

    // new List<TextBlockParam> { new() { Text = system, CacheControl = new CacheControlEphemeral() } }
    // The SDK's init-only members need C# 9, so target-typed new() is always available where this fix is offered.
    private static ExpressionSyntax SingleBlockList(
        ExpressionSyntax text,
        string blockType,
        ExpressionSyntax cacheControl)
    {
        var members = SeparatedList<ExpressionSyntax>(
            new[] { Member("Text", text), Member("CacheControl", cacheControl) },
            new[] { Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space) });
        ExpressionSyntax block = ImplicitObjectCreationExpression(
            Token(SyntaxKind.NewKeyword),
            ArgumentList().WithTrailingTrivia(Space),
            Braced(SyntaxKind.ObjectInitializerExpression, members));

        var listType = TypeName("System.Collections.Generic.List", blockType);
        var blocks = Braced(SyntaxKind.CollectionInitializerExpression, SingletonSeparatedList(block));
        return ObjectCreationExpression(NewKeyword(), listType.WithTrailingTrivia(Space), null, blocks);
    }

    private static BaseObjectCreationExpressionSyntax WithBreakpoint(
        BaseObjectCreationExpressionSyntax creation,
        ExpressionSyntax cacheControl) =>
        ObjectInitializers.AddMember(creation, Member("CacheControl", cacheControl));

    private static ExpressionSyntax NewCacheControl(string cacheControlType) =>
        ObjectCreationExpression(NewKeyword(), TypeName(cacheControlType), ArgumentList(), null);

    private static SyntaxToken NewKeyword() => Token(SyntaxKind.NewKeyword).WithTrailingTrivia(Space);

    private static AssignmentExpressionSyntax Member(string name, ExpressionSyntax value) =>
        AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(name), value);

    // { a, b } on one line, as short initializers are usually written.
    private static InitializerExpressionSyntax Braced(SyntaxKind kind, SeparatedSyntaxList<ExpressionSyntax> items) =>
        InitializerExpression(
            kind,
            Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(Space),
            items,
            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space));

    private static TypeSyntax TypeName(string fullName, string? typeArgument = null)
    {
        var text = "global::" + fullName + (typeArgument is null ? "" : "<global::" + typeArgument + ">");
        return ParseTypeName(text).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
