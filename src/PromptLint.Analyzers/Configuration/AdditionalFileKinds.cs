using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Analyzers.Configuration;

/// <summary>
/// The files PromptLint reads come in as AdditionalFiles items with a <c>PromptLintKind</c> metadata value, which the
/// build makes visible to the analyzers; this finds the one of a kind.
/// </summary>
internal static class AdditionalFileKinds
{
    /// <summary>A user's model catalog (<c>PromptLintModelCatalog</c>).</summary>
    public const string ModelCatalog = "ModelCatalog";

    /// <summary>The traffic and assumptions file (<c>promptlint.json</c> or <c>PromptLintConfigFile</c>).</summary>
    public const string Config = "Config";

    /// <summary>The token counts the previous build of the project wrote beside its call-site records.</summary>
    public const string TokenCounts = "TokenCounts";

    /// <summary>The first AdditionalFiles item of <paramref name="kind"/>, or null when the build passed none.</summary>
    public static AdditionalText? Find(AnalyzerOptions options, string kind)
    {
        foreach (var file in options.AdditionalFiles)
        {
            var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (fileOptions.TryGetValue(PromptLintOptions.AdditionalFileKindMetadata, out var value)
                && string.Equals(value, kind, StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }
        }

        return null;
    }
}
