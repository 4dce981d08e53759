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
    public const string ConfigKind = "Config";

    private static readonly ConcurrentDictionary<(string Path, string Checksum), TrafficFile> s_cache = new();

    public static TrafficFile Load(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        foreach (var file in options.AdditionalFiles)
        {
            var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (!fileOptions.TryGetValue(PromptLintOptions.AdditionalFileKindMetadata, out var kind)
                || !string.Equals(kind, ConfigKind, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = file.GetText(cancellationToken);
            if (text is null)
                return TrafficFile.Unreadable(file.Path, "the file cannot be read (does it exist?)");

            var key = (file.Path, Convert.ToBase64String(text.GetChecksum().ToArray()));
            return s_cache.GetOrAdd(key, _ => Parse(text.ToString(), file.Path));
        }

        return TrafficFile.None;
    }

    private static TrafficFile Parse(string json, string path)
    {
        if (s_cache.Count > 32)
            s_cache.Clear();

        return TrafficFile.Parse(json, path);
    }
}
