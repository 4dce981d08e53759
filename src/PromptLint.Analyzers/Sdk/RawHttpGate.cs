using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// The compilation-start check of the raw <c>HttpClient</c> adapter. Every .NET project references
/// <c>HttpClient</c>, so its symbol says nothing; the source text does. A compilation has a sign of raw LLM requests when
/// one of its files names a provider endpoint or host, Anthropic's version header, or a JSON cap key. Each file is read
/// once per syntax tree (the IDE keeps the trees an edit did not touch, and with them this answer), and the search
/// stops at the first file that has a sign.
/// </summary>
internal static class RawHttpGate
{
    /// <summary>What a file must contain, as written, for the adapter to switch on.</summary>
    public static readonly string[] Markers =
    {
        "chat/completions",
        "/v1/responses",
        "/v1/messages",
        "enerateContent",
        "api.openai.com",
        "api.anthropic.com",
        "generativelanguage.googleapis.com",
        "anthropic-version",
        "max_tokens",
        "max_completion_tokens",
        "max_output_tokens",
        "maxOutputTokens",
    };

    private static readonly ConditionalWeakTable<SyntaxTree, object> s_trees = new();
    private static readonly object s_yes = new();
    private static readonly object s_no = new();

    public static bool AnyFileHasSign(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (HasSign(tree, cancellationToken))
                return true;
        }

        return false;
    }

    public static bool HasSign(SyntaxTree tree, CancellationToken cancellationToken) =>
        ReferenceEquals(s_trees.GetValue(tree, t => Scan(t, cancellationToken) ? s_yes : s_no), s_yes);

    /// <summary>True when the code of <paramref name="node"/> itself has a sign, not only another part of its file.</summary>
    public static bool HasSign(SyntaxNode node, CancellationToken cancellationToken) =>
        HasSign(node.SyntaxTree, cancellationToken) && Contains(node.SyntaxTree.GetText(cancellationToken).ToString(node.Span));

    private static bool Scan(SyntaxTree tree, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A text parsed from a string hands that string back without a copy.
        return Contains(tree.GetText(cancellationToken).ToString());
    }

    private static bool Contains(string text)
    {
        foreach (var marker in Markers)
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
                return true;
        }

        return false;
    }
}
