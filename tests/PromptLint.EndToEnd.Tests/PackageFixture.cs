using System.Collections.Concurrent;
using System.Xml.Linq;

namespace PromptLint.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "PromptLint package";
}

/// <summary>
/// Packs PromptLint from the repository once into a feed in a fresh temporary folder outside the repository, and
/// lays out that folder so projects created in it restore PromptLint from the feed only, into a private package
/// folder: a PromptLint cached by an earlier build can never be used.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<BuiltProject>>> _builtProjects = new();

    private CommandResult? _pack;

    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        Version = ReadVersion(RepoRoot);
        TempRoot = Path.Combine(Path.GetTempPath(), "promptlint-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        FeedDirectory = Path.Combine(TempRoot, "feed");
        PackagesDirectory = Path.Combine(TempRoot, "packages");
    }

    public string RepoRoot { get; }

    /// <summary>PromptLint's version, from <c>eng/Version.props</c>.</summary>
    public string Version { get; }

    public string TempRoot { get; }

    public string FeedDirectory { get; }

    public string PackagesDirectory { get; }

    public string PackagePath => Path.Combine(FeedDirectory, $"PromptLint.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);

        // Stops MSBuild's walk up for Directory.Build.* files at the temp root.
        File.WriteAllText(Path.Combine(TempRoot, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(TempRoot, "Directory.Build.targets"), "<Project />\n");

        // No <clear/>: the machine's own sources stay, for OpenAI and Microsoft.Extensions.AI.
        var nugetConfig = new XElement("configuration",
            new XElement("config", Add("globalPackagesFolder", PackagesDirectory)),
            new XElement("packageSources", Add("promptlint-e2e-feed", FeedDirectory)));
        File.WriteAllText(Path.Combine(TempRoot, "nuget.config"), nugetConfig.ToString());

        _pack = await Dotnet.RunAsync(
            RepoRoot,
            s_packTimeout,
            "pack", Path.Combine(RepoRoot, "src", "PromptLint", "PromptLint.csproj"),
            "-c", "Release",
            "-o", FeedDirectory,
            "-nologo",
            "--disable-build-servers",
            "-p:UseSharedCompilation=false");
    }

    /// <summary>Fails the calling test, with the pack output, unless the pack succeeded.</summary>
    public void AssertPacked()
    {
        Assert.NotNull(_pack);
        Assert.True(_pack.Succeeded, _pack.Describe());
        Assert.True(File.Exists(PackagePath), $"{PackagePath} was not written.\n{_pack.Describe()}");
    }

    /// <summary>Creates a project with the given sources that references PromptLint and the LLM SDKs.</summary>
    public ConsumerProject CreateProject(string name, IReadOnlyDictionary<string, string> sources)
    {
        AssertPacked();
        return ConsumerProject.Create(Path.Combine(TempRoot, name), name, Version, sources);
    }

    /// <summary>
    /// Creates and builds a project the first time a test asks for it; later callers get the same build, so several
    /// tests can check one build.
    /// </summary>
    public Task<BuiltProject> BuildOnceAsync(string name, IReadOnlyDictionary<string, string> sources) =>
        _builtProjects.GetOrAdd(name, _ => new Lazy<Task<BuiltProject>>(() => BuildAsync(name, sources))).Value;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(TempRoot, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless; a failing cleanup must not hide the test results.
        }

        return Task.CompletedTask;
    }

    private async Task<BuiltProject> BuildAsync(string name, IReadOnlyDictionary<string, string> sources)
    {
        var project = CreateProject(name, sources);
        var build = await project.BuildAsync();
        var json = ReadIfExists(project.JsonReportPath);
        var markdown = ReadIfExists(project.MarkdownReportPath);
        return new BuiltProject(project, build, json, markdown);
    }

    private static XElement Add(string key, string value) =>
        new("add", new XAttribute("key", key), new XAttribute("value", value));

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PromptLint.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds PromptLint.sln.");
    }

    private static string ReadVersion(string repoRoot)
    {
        var props = XDocument.Load(Path.Combine(repoRoot, "eng", "Version.props"));
        return props.Descendants("PromptLintVersion").Single().Value.Trim();
    }
}
