using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptLint.Analyzers;
using PromptLint.Analyzers.Rules.Cost;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptLint.CodeFixes.Rules.Cost;

/// <summary>
/// PL1002: replaces a hardcoded costly model id with a cheaper model of the same provider, one action per candidate
/// (the closest in price first), so the user picks. Offered where the id is written at the site: a string literal or
/// an SDK enum member; an id in a constant is changed at the constant, by hand.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCheaperModelCodeFix)), Shared]
public sealed class UseCheaperModelCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.CostlyModel);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is not (LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or MemberAccessExpressionSyntax))
                continue;

            // An enum member may stand only where a string converts too (Anthropic's ApiEnum); a plain enum does not.
            if (node is MemberAccessExpressionSyntax
                && semanticModel.GetTypeInfo(node, context.CancellationToken).ConvertedType is { TypeKind: TypeKind.Enum })
            {
                continue;
            }

            var alternatives = diagnostic.Properties.GetValueOrDefault(CostlyModelRule.AlternativesProperty)?
                .Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
            foreach (var model in alternatives)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {model}",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node,
                            LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(model)).WithTriviaFrom(node)))),
                        equivalenceKey: nameof(UseCheaperModelCodeFix) + ":" + model),
                    diagnostic);
            }
        }
    }
}
