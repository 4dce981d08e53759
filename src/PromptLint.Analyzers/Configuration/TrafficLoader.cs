using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Analyzers.Configuration;

/// <summary>
/// Finds the traffic and assumptions file among the AdditionalFiles (the item the build adds for
/// <c>promptlint.json</c> or <c>PromptLintConfigFile</c>) and reads it. Parsed files are cached by content, so the IDE
/// does not read the same file again for every new compilation.
/// </summary>
internal static class TrafficLoader
{
    private static readonly ConcurrentDictionary<(string Path, string Checksum), TrafficFile> s_cache = new();

    public static TrafficFile Load(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (AdditionalFileKinds.Find(options, AdditionalFileKinds.Config) is not { } file)
            return TrafficFile.None;

        var text = file.GetText(cancellationToken);
        if (text is null)
            return TrafficFile.Unreadable(file.Path, "the file cannot be read (does it exist?)");

        var key = (file.Path, Convert.ToBase64String(text.GetChecksum().ToArray()));
        return s_cache.GetOrAdd(key, _ => Parse(text.ToString(), file.Path));
    }

    private static TrafficFile Parse(string json, string path)
    {
        if (s_cache.Count > 32)
            s_cache.Clear();

        return TrafficFile.Parse(json, path);
    }
}
