using System.IO.Compression;
using System.Xml.Linq;

namespace PromptLint.EndToEnd.Tests;

/// <summary>What is inside the PromptLint .nupkg.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackageFixture package)
{
    [Fact]
    public void Package_is_a_development_dependency()
    {
        var nuspec = ReadNuspec();

        var flag = nuspec.Descendants().SingleOrDefault(static e => e.Name.LocalName == "developmentDependency");
        Assert.NotNull(flag);
        Assert.Equal("true", flag.Value.Trim());
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/PromptLint.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/PromptLint.CodeFixes.dll")]
    [InlineData("analyzers/dotnet/cs/PromptLint.Core.dll")]
    [InlineData("analyzers/dotnet/cs/Microsoft.ML.Tokenizers.dll")]
    [InlineData("analyzers/dotnet/cs/Microsoft.ML.Tokenizers.Data.O200kBase.dll")]
    [InlineData("build/PromptLint.props")]
    [InlineData("build/PromptLint.targets")]
    [InlineData("buildTransitive/PromptLint.targets")]
    [InlineData("tasks/netstandard2.0/PromptLint.Build.dll")]
    [InlineData("tasks/netstandard2.0/PromptLint.Core.dll")]
    [InlineData("tasks/netstandard2.0/System.Text.Json.dll")]
    [InlineData("tasks/net8.0/PromptLint.Build.dll")]
    [InlineData("tasks/net8.0/PromptLint.Core.dll")]
    public void Package_holds(string entry)
    {
        Assert.Contains(entry, Entries());
    }

    [Fact]
    public void The_task_for_the_dotnet_SDK_ships_only_PromptLint_assemblies_so_the_runtime_provides_the_rest()
    {
        var net8 = Entries().Where(static entry => entry.StartsWith("tasks/net8.0/", StringComparison.Ordinal)).Order().ToList();

        Assert.Equal(["tasks/net8.0/PromptLint.Build.dll", "tasks/net8.0/PromptLint.Core.dll"], net8);
    }

    [Fact]
    public void Package_ships_no_Roslyn_or_MSBuild_assemblies()
    {
        var names = Entries().Select(static entry => Path.GetFileName(entry)).ToList();

        Assert.DoesNotContain(names, static name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(names, static name => name.StartsWith("Microsoft.Build", StringComparison.Ordinal));
    }

    private IReadOnlyList<string> Entries()
    {
        package.AssertPacked();
        using var zip = ZipFile.OpenRead(package.PackagePath);
        return zip.Entries.Select(static e => e.FullName).ToList();
    }

    private XDocument ReadNuspec()
    {
        package.AssertPacked();
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var entry = Assert.Single(zip.Entries, static e => e.FullName == "PromptLint.nuspec");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
