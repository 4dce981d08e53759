using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Core.Catalog;

namespace PromptLint.Analyzers.Configuration;

/// <summary>
/// Finds the user's catalog among the AdditionalFiles (the item the build adds for <c>PromptLintModelCatalog</c>)
/// and lays it over the built-in one. Parsed catalogs are cached by content, so a solution's projects share one.
/// </summary>
internal static class CatalogLoader
{
    private static readonly ConcurrentDictionary<(string Path, string Checksum), LoadedCatalog> s_cache = new();

    public static LoadedCatalog Load(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (AdditionalFileKinds.Find(options, AdditionalFileKinds.ModelCatalog) is not { } file)
            return LoadedCatalog.BuiltIn;

        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            var missing = new CatalogProblem(file.Path, 0, "$", "the file cannot be read (does it exist?)");
            return new LoadedCatalog(ModelCatalog.BuiltIn, new[] { missing });
        }

        var key = (file.Path, Convert.ToBase64String(text.GetChecksum().ToArray()));
        return s_cache.GetOrAdd(key, _ => Parse(text.ToString(), file.Path));
    }

    private static LoadedCatalog Parse(string json, string path)
    {
        if (s_cache.Count > 32)
            s_cache.Clear();

        var problems = new List<CatalogProblem>();
        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, json, path, problems);
        return new LoadedCatalog(catalog, problems);
    }
}

internal sealed class LoadedCatalog
{
    public static readonly LoadedCatalog BuiltIn = new(ModelCatalog.BuiltIn, Array.Empty<CatalogProblem>());

    public LoadedCatalog(ModelCatalog catalog, IReadOnlyList<CatalogProblem> problems)
    {
        Catalog = catalog;
        Problems = problems;
    }

    public ModelCatalog Catalog { get; }

    public IReadOnlyList<CatalogProblem> Problems { get; }
}
