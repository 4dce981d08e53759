using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// Runs every PromptLint analyzer on the case files under <c>Cases/</c> (copied from the shared cases) and checks each
/// expected finding. A case is data: adding one is adding a .cs file and its lines in <c>expected.jsonl</c>.
/// </summary>
public sealed class CaseSuiteTests(ITestOutputHelper output)
{
    private const double MinimumRecall = 0.9;

    private static readonly string s_implicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public async Task Every_expectation_of_an_existing_rule_holds()
    {
        var analyzers = AllAnalyzers();
        var existingRules = analyzers.SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id).ToHashSet();
        var outcomes = new List<Outcome>();

        foreach (var (folder, expectations) in LoadExpectations())
        {
            foreach (var file in expectations.GroupBy(static e => e.File))
            {
                var diagnostics = await AnalyzeAsync(Path.Combine(folder, file.Key), analyzers);
                foreach (var expectation in file.Where(e => existingRules.Contains(e.Rule)))
                {
                    var found = diagnostics.Any(d => d.Id == expectation.Rule && expectation.Covers(d.Location.GetLineSpan().StartLinePosition.Line + 1));
                    outcomes.Add(new Outcome(expectation, found));
                }
            }
        }

        output.WriteLine(Table(outcomes));

        var falsePositives = outcomes.Where(static o => !o.Expectation.ExpectsReport && o.Found).ToList();
        Assert.True(falsePositives.Count == 0, "Reported where the cases say no:\n" + string.Join("\n", falsePositives));

        foreach (var rule in outcomes.Where(static o => o.Expectation.ExpectsReport).GroupBy(static o => o.Expectation.Rule))
        {
            var recall = rule.Count(static o => o.Found) / (double)rule.Count();
            Assert.True(recall >= MinimumRecall,
                $"{rule.Key} recall {recall:0.00} is below {MinimumRecall}; missed:\n" + string.Join("\n", rule.Where(static o => !o.Found)));
        }
    }

    [Fact]
    public void Every_case_file_has_expectations_and_every_expectation_a_file()
    {
        foreach (var (folder, expectations) in LoadExpectations())
        {
            var files = Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).ToHashSet();
            Assert.Equal(files.OrderBy(static f => f), expectations.Select(static e => e.File).Distinct().OrderBy(static f => f));
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string path, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path),
            CSharpSyntaxTree.ParseText(s_implicitUsings, parseOptions, "GlobalUsings.cs"),
        };
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            trees,
            SdkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{Path.GetFileName(path)} does not compile:\n" + string.Join("\n", errors));

        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, static d => d.Id == "AD0001");
        return diagnostics;
    }

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(Rules.Cost.CostAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static IEnumerable<(string Folder, List<Expectation> Expectations)> LoadExpectations()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Cases");
        foreach (var file in Directory.GetFiles(root, "expected.jsonl", SearchOption.AllDirectories).OrderBy(static f => f))
        {
            var expectations = File.ReadLines(file)
                .Where(static line => line.Trim().Length > 0)
                .Select(static line => JsonSerializer.Deserialize<Expectation>(line, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!)
                .ToList();
            yield return (Path.GetDirectoryName(file)!, expectations);
        }
    }

    private static string Table(List<Outcome> outcomes)
    {
        var table = new StringBuilder();
        table.AppendLine("rule   | TP | FN | TN | FP | precision | recall");
        table.AppendLine("-------|----|----|----|----|-----------|-------");
        foreach (var rule in outcomes.GroupBy(static o => o.Expectation.Rule).OrderBy(static g => g.Key))
        {
            var tp = rule.Count(static o => o.Expectation.ExpectsReport && o.Found);
            var fn = rule.Count(static o => o.Expectation.ExpectsReport && !o.Found);
            var tn = rule.Count(static o => !o.Expectation.ExpectsReport && !o.Found);
            var fp = rule.Count(static o => !o.Expectation.ExpectsReport && o.Found);
            var precision = tp + fp == 0 ? "-" : (tp / (double)(tp + fp)).ToString("0.00");
            var recall = tp + fn == 0 ? "-" : (tp / (double)(tp + fn)).ToString("0.00");
            table.AppendLine($"{rule.Key,-6} | {tp,2} | {fn,2} | {tn,2} | {fp,2} | {precision,9} | {recall,6}");
        }

        return table.ToString();
    }

    public sealed class Expectation
    {
        public string File { get; set; } = "";
        public int From { get; set; }
        public int To { get; set; }
        public string Rule { get; set; } = "";
        public string Expect { get; set; } = "";
        public string Why { get; set; } = "";

        public bool ExpectsReport => Expect == "report";

        public bool Covers(int line) => line >= From && line <= To;

        public override string ToString() => $"{File}:{From}-{To} {Rule} {Expect} ({Why})";
    }

    private sealed record Outcome(Expectation Expectation, bool Found);
}
