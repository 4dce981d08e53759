#!/usr/bin/env dotnet
// Writes two copies of a synthetic project, one with PromptLint and one without, for build-time comparisons.
// Usage: dotnet run eng/perf/GenerateSyntheticProject.cs -- <output folder> [files=1000] [callSites=300] [--no-sdk]
// With --no-sdk the project references no LLM SDK and makes no LLM call (the prompt constants stay), to measure what
// PromptLint costs a project it has nothing to say about.
#:include SyntheticSources.cs
using PromptLint.Perf;

var noSdk = args.Contains("--no-sdk");
var positional = args.Where(static a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var output = Path.GetFullPath(positional.Length > 0 ? positional[0] : "artifacts/perf");
var files = positional.Length > 1 ? int.Parse(positional[1]) : 1000;
var callSites = positional.Length > 2 ? int.Parse(positional[2]) : 300;
var repoRoot = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var version = System.Xml.Linq.XDocument.Load(Path.Combine(repoRoot, "eng", "Version.props")).Descendants("PromptLintVersion").Single().Value;

var sdkReferences = noSdk ? "" : """
    <PackageReference Include="OpenAI" Version="2.15.0" />
        <PackageReference Include="Anthropic" Version="13.15.0" />
        <PackageReference Include="Microsoft.Extensions.AI" Version="11.0.0" />
        <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="11.0.0" />
    """;
var sources = SyntheticSources.Generate(files, callSites, withSdk: !noSdk);

foreach (var (name, withPromptLint) in new[] { ("with", true), ("without", false) })
{
    var folder = Path.Combine(output, name);
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    Directory.CreateDirectory(folder);

    // Stop MSBuild from walking up into a repository's Directory.Build.* files.
    File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
    File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
    File.WriteAllText(Path.Combine(folder, "Synthetic.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);NU1603;PL1001;OPENAI001</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            {sdkReferences}
            {(withPromptLint ? $"""<PackageReference Include="PromptLint" Version="{version}" />""" : "")}
          </ItemGroup>
        </Project>
        """);
    File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config><add key="globalPackagesFolder" value="{Path.Combine(output, "packages")}" /></config>
          <packageSources><add key="promptlint-local" value="{Path.Combine(repoRoot, "artifacts", "local-feed")}" /></packageSources>
        </configuration>
        """);

    foreach (var source in sources)
        File.WriteAllText(Path.Combine(folder, source.Name), source.Text);
}

var what = noSdk ? "no LLM SDK and no call sites" : $"{sources.Count(static s => s.Prompt is not null)} call sites";
Console.WriteLine($"Wrote {files} files with {what} to {output}/with and {output}/without");
