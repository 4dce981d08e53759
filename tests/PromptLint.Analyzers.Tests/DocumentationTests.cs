using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Analyzers.Tests;

/// <summary>Keeps the descriptors, their help links, the rule pages and the README's rules table in step.</summary>
public sealed class DocumentationTests
{
    private static readonly string s_repoRoot = FindRepoRoot();

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
            data.Add(descriptor.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Help_link_points_at_the_rule_page_and_the_page_exists(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);

        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = Path.Combine(s_repoRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");

        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Why it matters", "## When it fires", "## When it does not fire", "## How to fix", "## Configuration", "## Suppressing", "## Limitations" })
            Assert.Contains(section, text);
    }

    [Fact]
    public void Readme_rules_table_matches_the_descriptors()
    {
        var readme = File.ReadAllText(Path.Combine(s_repoRoot, "README.md"));
        var rows = Regex.Matches(readme, @"^\| \[(PL\d{4})\]\(docs/rules/\1\.md\) \| (.+?) \| (\w+) \| (\w+) \|", RegexOptions.Multiline)
            .ToDictionary(static m => m.Groups[1].Value, static m => (Title: m.Groups[2].Value, Category: m.Groups[3].Value, Severity: m.Groups[4].Value));

        var descriptors = AllDescriptors().ToList();
        Assert.Equal(descriptors.Select(static d => d.Id).Order(), rows.Keys.Order());
        foreach (var descriptor in descriptors)
        {
            var row = rows[descriptor.Id];
            Assert.Equal(descriptor.Title.ToString(), row.Title);
            Assert.Equal(descriptor.Category, row.Category);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Severity);
        }
    }

    [Fact]
    public void Release_tracking_lists_every_descriptor()
    {
        var unshipped = File.ReadAllText(Path.Combine(s_repoRoot, "src", "PromptLint.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in AllDescriptors())
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped);
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Rules.Cost.CostAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(static t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .DistinctBy(static d => d.Id)
            .OrderBy(static d => d.Id);

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("PromptLint.sln not found above " + AppContext.BaseDirectory);
    }
}
