namespace PromptLint.Core.Tests;

/// <summary>Finds the parts of a rendered Markdown report that a test checks.</summary>
internal static class MarkdownText
{
    public static string[] Lines(string markdown) => markdown.Replace("\r\n", "\n").Split('\n');

    /// <summary>The lines of the section under <paramref name="heading"/>, up to the next heading of any level.</summary>
    public static string[] Section(string markdown, string heading)
    {
        var lines = Lines(markdown);
        var start = Array.IndexOf(lines, heading);
        if (start < 0)
            return Array.Empty<string>();

        return lines.Skip(start + 1).TakeWhile(static l => !l.StartsWith('#')).ToArray();
    }

    /// <summary>The body rows of the first table in <paramref name="section"/>, without its header and separator.</summary>
    public static string[] TableRows(string[] section) =>
        section.SkipWhile(static l => !l.StartsWith('|')).Skip(2).TakeWhile(static l => l.StartsWith('|')).ToArray();

    /// <summary>The fenced Mermaid blocks, each without its fences.</summary>
    public static List<string> MermaidBlocks(string markdown)
    {
        var blocks = new List<string>();
        var lines = Lines(markdown);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```mermaid")
                continue;

            var body = lines.Skip(i + 1).TakeWhile(static l => l != "```").ToList();
            blocks.Add(string.Join("\n", body));
            i += body.Count + 1;
        }

        return blocks;
    }
}
