using System.Collections.Immutable;
using System.Composition;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.CodeFixes.Rules.Caching;

/// <summary>
/// PL2001: puts the constant text first and the per-request parts after it, in the two shapes where the same text
/// provably reaches the model, only in another order: the lines of an interpolated string, and the messages of a
/// list written in place. Anything else gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveVolatileContentCodeFix)), Shared]
public sealed class MoveVolatileContentCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.VolatileBeforePrefix);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    plan.Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(plan.Target, plan.Replacement))),
                    equivalenceKey: nameof(MoveVolatileContentCodeFix)),
                diagnostic);
        }
    }

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.AdditionalLocations.Count == 0)
            return null;

        var call = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)
            .FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call is null || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
            return null;

        var callSite = CallSiteReader.Read(invocation, SdkSymbols.For(model.Compilation), cancellationToken);
        if (callSite is null)
            return null;

        var volatileSpans = callSite.Prompt
            .Where(static s => s.Stability == Stability.Volatile && s.Source is not null)
            .Select(static s => s.Source!.Syntax)
            .Where(s => s.SyntaxTree == root.SyntaxTree)
            .Select(static s => s.Span)
            .ToList();

        var culprit = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return LinesOfString(culprit, volatileSpans) ?? MessagesOfList(culprit, volatileSpans, invocation);
    }

    // $"Current time: {DateTime.UtcNow:O}\n{Policy}"  becomes  $"{Policy}\nCurrent time: {DateTime.UtcNow:O}".
    private static FixPlan? LinesOfString(SyntaxNode culprit, List<TextSpan> volatileSpans)
    {
        if (culprit.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>() is not { } text)
            return null;

        var start = text.StringStartToken;
        var isRaw = start.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken);
        if (!isRaw && !start.IsKind(SyntaxKind.InterpolatedStringStartToken))
            return null; // verbatim strings and single-line raw strings: line breaks are not reordered safely

        var lines = SplitLines(text, isRaw);
        if (lines is null || lines.Count < 2)
            return null;

        // A trailing line break leaves an empty last line; it stays last so the text keeps its ending.
        var trailing = lines[lines.Count - 1].Length == 0 ? lines[lines.Count - 1] : null;
        var body = trailing is null ? lines : lines.Take(lines.Count - 1).ToList();
        var moving = body.Where(l => l.Overlaps(volatileSpans)).ToList();
        var staying = body.Where(l => !l.Overlaps(volatileSpans)).ToList();
        if (moving.Count == 0 || staying.Count == 0 || staying.All(static l => l.Length == 0))
            return null;

        var reordered = staying.Concat(moving).ToList();
        if (trailing is not null)
            reordered.Add(trailing);
        if (reordered.SequenceEqual(lines))
            return null;

        // A raw string's delimiter tokens carry the line breaks around its content; add them only where they do not.
        var newLine = NewLineOf(text);
        var separator = isRaw ? newLine : "\\n";
        var open = start.ToString();
        var close = text.StringEndToken.ToString();
        var source = new StringBuilder(open);
        if (isRaw && !open.EndsWith("\n", StringComparison.Ordinal))
            source.Append(newLine);
        source.Append(string.Join(separator, reordered.Select(static l => l.Text)));
        if (isRaw && !close.StartsWith("\n", StringComparison.Ordinal) && !close.StartsWith("\r\n", StringComparison.Ordinal))
            source.Append(newLine);
        source.Append(close);

        var replacement = SyntaxFactory.ParseExpression(source.ToString()).WithTriviaFrom(text);
        if (replacement.ContainsDiagnostics)
            return null;

        return new FixPlan(text, replacement, "Move the per-request lines after the constant text");
    }

    // The lines of the string's content as source text, split only inside text parts, never inside a hole.
    private static List<Line>? SplitLines(InterpolatedStringExpressionSyntax text, bool isRaw)
    {
        var lines = new List<Line>();
        var current = new StringBuilder();
        var currentStart = text.Contents.Count > 0 ? text.Contents[0].SpanStart : text.StringStartToken.Span.End;
        var spans = new List<TextSpan>();

        void Close(int end)
        {
            lines.Add(new Line(current.ToString(), spans.ToList(), TextSpan.FromBounds(currentStart, Math.Max(currentStart, end))));
            current.Clear();
            spans.Clear();
        }

        foreach (var content in text.Contents)
        {
            if (content is InterpolationSyntax hole)
            {
                current.Append(hole.ToString());
                spans.Add(hole.Span);
                continue;
            }

            var token = ((InterpolatedStringTextSyntax)content).TextToken;
            var raw = token.Text;
            for (var i = 0; i < raw.Length; i++)
            {
                var position = token.SpanStart + i;
                if (isRaw && (raw[i] == '\n' || (raw[i] == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')))
                {
                    Close(position);
                    if (raw[i] == '\r')
                        i++;
                    currentStart = token.SpanStart + i + 1;
                    continue;
                }

                if (!isRaw && raw[i] == '\\' && i + 1 < raw.Length)
                {
                    if (raw[i + 1] == 'n')
                    {
                        Close(position);
                        i++;
                        currentStart = token.SpanStart + i + 1;
                        continue;
                    }

                    current.Append(raw, i, 2); // any other escape, including \\ and \r, stays as written
                    i++;
                    continue;
                }

                current.Append(raw[i]);
            }
        }

        Close(text.StringEndToken.SpanStart);
        return lines;
    }

    private static string NewLineOf(InterpolatedStringExpressionSyntax text) =>
        text.ToString().Contains("\r\n") ? "\r\n" : "\n";

    // [new(User, $"... {name} ..."), new(System, Rules)]  becomes  [new(System, Rules), new(User, $"... {name} ...")].
    private static FixPlan? MessagesOfList(SyntaxNode culprit, List<TextSpan> volatileSpans, IInvocationOperation invocation)
    {
        foreach (var ancestor in culprit.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                // CompleteChat(params ChatMessage[]): the arguments are the messages, when nothing else is passed.
                case ArgumentListSyntax arguments when arguments.Parent == invocation.Syntax
                    && invocation.Arguments.Length == 1 && invocation.Arguments[0].ArgumentKind == ArgumentKind.ParamArray
                    && arguments.Arguments.All(static a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None)):
                    return Reorder(arguments, arguments.Arguments, volatileSpans, static (a, list) => a.WithArguments(list));
                case CollectionExpressionSyntax collection when collection.Elements.All(static e => e is ExpressionElementSyntax):
                    return Reorder(collection, collection.Elements, volatileSpans, static (c, list) => c.WithElements(list));
                case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ArrayInitializerExpression)
                    || initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                    return Reorder(initializer, initializer.Expressions, volatileSpans, static (i, list) => i.WithExpressions(list));
                case StatementSyntax:
                    return null;
            }
        }

        return null;
    }

    private static FixPlan? Reorder<TNode, TElement>(
        TNode list,
        SeparatedSyntaxList<TElement> elements,
        List<TextSpan> volatileSpans,
        Func<TNode, SeparatedSyntaxList<TElement>, TNode> rebuild)
        where TNode : SyntaxNode
        where TElement : SyntaxNode
    {
        bool IsVolatile(TElement element) => volatileSpans.Any(s => element.Span.Contains(s));

        var firstVolatile = elements.IndexOf(IsVolatile);
        if (firstVolatile < 0)
            return null;

        var lastConstant = -1;
        for (var i = elements.Count - 1; i > firstVolatile; i--)
        {
            if (!IsVolatile(elements[i]))
            {
                lastConstant = i;
                break;
            }
        }

        if (lastConstant < 0)
            return null;

        // Volatile elements up to the last constant one move right after it, keeping their order.
        var order = Enumerable.Range(0, elements.Count).ToList();
        var moved = order.Where(i => i >= firstVolatile && i < lastConstant && IsVolatile(elements[i])).ToList();
        order.RemoveAll(moved.Contains);
        order.InsertRange(order.IndexOf(lastConstant) + 1, moved);

        // Each position keeps its own trivia, so line breaks and indentation stay where they were.
        var reordered = order.Select((from, to) => elements[from].WithLeadingTrivia(elements[to].GetLeadingTrivia())
            .WithTrailingTrivia(elements[to].GetTrailingTrivia()));
        var rebuilt = rebuild(list, SyntaxFactory.SeparatedList(reordered, elements.GetSeparators()));
        return new FixPlan(list, rebuilt, "Move the per-request message after the constant ones");
    }

    private sealed class Line
    {
        public Line(string text, List<TextSpan> holes, TextSpan span)
        {
            Text = text;
            Holes = holes;
            Span = span;
        }

        public string Text { get; }

        public List<TextSpan> Holes { get; }

        public TextSpan Span { get; }

        public int Length => Text.Length;

        public bool Overlaps(List<TextSpan> volatileSpans) => Holes.Any(h => volatileSpans.Any(v => h.Contains(v)));

        public override bool Equals(object? obj) => obj is Line other && other.Span == Span;

        public override int GetHashCode() => Span.GetHashCode();
    }

    private sealed class FixPlan(SyntaxNode target, SyntaxNode replacement, string title)
    {
        public SyntaxNode Target { get; } = target;

        public SyntaxNode Replacement { get; } = replacement;

        public string Title { get; } = title;
    }
}
