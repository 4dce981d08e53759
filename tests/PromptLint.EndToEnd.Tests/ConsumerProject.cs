using System.Xml.Linq;

namespace PromptLint.EndToEnd.Tests;

/// <summary>A throwaway net10.0 library that uses the LLM SDKs and references the packed PromptLint.</summary>
public sealed class ConsumerProject
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(3);

    private ConsumerProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string OutputDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0");

    public string JsonReportPath => Path.Combine(OutputDirectory, "promptlint-costs.json");

    public string MarkdownReportPath => Path.Combine(OutputDirectory, "promptlint-costs.md");

    /// <summary>The assembly CoreCompile writes; its timestamp shows whether the compiler ran.</summary>
    public string IntermediateAssemblyPath => Path.Combine(Directory, "obj", "Debug", "net10.0", Name + ".dll");

    public string PathOf(string sourceFile) => Path.Combine(Directory, sourceFile);

    public static ConsumerProject Create(
        string directory,
        string name,
        string promptLintVersion,
        IReadOnlyDictionary<string, string> sources)
    {
        System.IO.Directory.CreateDirectory(directory);

        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("OutputType", "Library"),
                new XElement("Nullable", "enable"),
                new XElement("ImplicitUsings", "enable")),
            new XElement("ItemGroup",
                PackageReference("PromptLint", promptLintVersion),
                PackageReference("OpenAI", "2.15.0"),
                PackageReference("Microsoft.Extensions.AI", "11.0.0"),
                PackageReference("Microsoft.Extensions.AI.OpenAI", "11.0.0")));
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), project.ToString());

        foreach (var (file, text) in sources)
            File.WriteAllText(Path.Combine(directory, file), text);

        return new ConsumerProject(directory, name);
    }

    /// <summary>Runs <c>dotnet build</c> with no build servers, so nothing outlives the test run.</summary>
    public Task<CommandResult> BuildAsync(params string[] extraArguments) =>
        Dotnet.RunAsync(
            Directory,
            s_buildTimeout,
            ["build", "-nologo", "--disable-build-servers", "-p:UseSharedCompilation=false", .. extraArguments]);

    private static XElement PackageReference(string id, string version) =>
        new("PackageReference", new XAttribute("Include", id), new XAttribute("Version", version));
}

/// <summary>A project's first build, with the reports as that build left them (null where it wrote none).</summary>
public sealed record BuiltProject(
    ConsumerProject Project,
    CommandResult Build,
    string? JsonReport,
    string? MarkdownReport)
{
    public string WrittenJsonReport()
    {
        Build.AssertSucceeded();
        Assert.True(JsonReport is not null, $"{Project.JsonReportPath} was not written.\n{Build.Describe()}");
        return JsonReport;
    }

    public string WrittenMarkdownReport()
    {
        Build.AssertSucceeded();
        Assert.True(MarkdownReport is not null, $"{Project.MarkdownReportPath} was not written.\n{Build.Describe()}");
        return MarkdownReport;
    }
}
