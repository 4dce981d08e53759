using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptLint.Core.Reports;

namespace PromptLint.Build.Tests;

/// <summary>The task behind <c>PromptLintCombineReports</c>: project reports in, one solution report out.</summary>
public sealed class CombineCostReportsTests : IDisposable
{
    private readonly TempProject _supportBot = new();
    private readonly TempProject _billing = new();
    private readonly string _solution = Path.Combine(Path.GetTempPath(), "promptlint-combine-tests-" + Guid.NewGuid().ToString("N"));

    public CombineCostReportsTests()
    {
        Directory.CreateDirectory(_solution);
    }

    public void Dispose()
    {
        _supportBot.Dispose();
        _billing.Dispose();
        try
        {
            Directory.Delete(_solution, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private string Combined => Path.Combine(_solution, "promptlint-solution-costs.json");

    /// <summary>Builds both projects' reports and copies them into the solution folder as a solution build lays them out.</summary>
    private (string SupportBot, string Billing) BuildBoth()
    {
        var answer = _supportBot.AnswerWriter();
        answer.CallsPerMonth = 100_000;
        _supportBot.WriteLog(answer, _supportBot.Triage());
        _supportBot.Run();
        _billing.WriteLog(_billing.Legacy());
        _billing.WriteLogText(File.ReadAllText(_billing.CallSiteLog).Replace("\"project\": \"SupportBot\"", "\"project\": \"Billing\""));
        _billing.Run();

        var supportBot = Path.Combine(_solution, "src", "SupportBot", "bin", "Debug", "net10.0", "promptlint-costs.json");
        var billing = Path.Combine(_solution, "src", "Billing", "bin", "Debug", "net10.0", "promptlint-costs.json");
        foreach (var (from, to) in new[] { (_supportBot.JsonReport, supportBot), (_billing.JsonReport, billing) })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        return (supportBot, billing);
    }

    private (CombineCostReports Task, RecordingBuildEngine Engine, bool Result) Combine(params string[] reports)
    {
        var engine = new RecordingBuildEngine();
        var task = new CombineCostReports
        {
            BuildEngine = engine,
            Reports = reports.Select(static r => (ITaskItem)new TaskItem(r)).ToArray(),
            OutputFile = Combined,
            BaseDirectory = _solution,
        };
        var result = task.Execute();
        return (task, engine, result);
    }

    [Fact]
    public void Combines_project_reports_into_one_ordered_by_project_name()
    {
        var (supportBot, billing) = BuildBoth();

        var (task, engine, result) = Combine(supportBot, billing);

        Assert.True(result);
        Assert.Empty(engine.Warnings);
        var solution = SolutionReportJson.Read(File.ReadAllText(Combined));
        Assert.Equal(new[] { "Billing", "SupportBot" }, solution.Projects.Select(static p => p.Report.Project));
        Assert.Equal(
            new[] { "src/Billing/bin/Debug/net10.0/promptlint-costs.json", "src/SupportBot/bin/Debug/net10.0/promptlint-costs.json" },
            solution.Projects.Select(static p => p.ReportFile));
        Assert.Equal(3, solution.CallSites.Count);
        Assert.Equal(new[] { Combined, Path.ChangeExtension(Combined, ".md") }, task.CombinedFiles.Select(static f => f.ItemSpec));
    }

    [Fact]
    public void Writes_solution_totals_into_the_json_report()
    {
        var (supportBot, billing) = BuildBoth();

        Combine(supportBot, billing);

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Combined));
        var totals = document.RootElement.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("projects").GetInt32());
        Assert.Equal(3, totals.GetProperty("callSites").GetInt32());
        Assert.Equal(1, totals.GetProperty("unpricedCallSites").GetInt32());
        Assert.Equal(0.02545m, totals.GetProperty("costPerRequestSet").GetDecimal()); // $0.0142 + $0.01125; Legacy is unpriced
        Assert.Equal(1_420m, totals.GetProperty("monthlyCost").GetDecimal()); // 100,000 x $0.0142
    }

    [Fact]
    public void Logs_one_summary_line_naming_the_combined_report()
    {
        var (supportBot, billing) = BuildBoth();

        var (_, engine, _) = Combine(supportBot, billing);

        Assert.Equal(
            "PromptLint: combined 2 project reports, 3 LLM call sites, est. $0.02545 per request set, $1,420.00 per month, "
            + "report: promptlint-solution-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Writes_the_same_bytes_for_reports_given_in_another_order()
    {
        var (supportBot, billing) = BuildBoth();
        Combine(supportBot, billing);
        var (json, markdown) = (File.ReadAllBytes(Combined), File.ReadAllBytes(Path.ChangeExtension(Combined, ".md")));
        File.Delete(Combined);

        Combine(billing, supportBot);

        Assert.Equal(json, File.ReadAllBytes(Combined));
        Assert.Equal(markdown, File.ReadAllBytes(Path.ChangeExtension(Combined, ".md")));
    }

    [Fact]
    public void Leaves_out_the_combined_report_itself_when_a_glob_matches_it()
    {
        var (supportBot, billing) = BuildBoth();
        Combine(supportBot, billing);

        var (_, engine, _) = Combine(supportBot, billing, Combined);

        Assert.Empty(engine.Warnings);
        Assert.Equal(2, SolutionReportJson.Read(File.ReadAllText(Combined)).Projects.Count);
    }

    [Fact]
    public void Warns_PL9008_for_a_report_it_cannot_read_and_combines_the_others()
    {
        var (supportBot, _) = BuildBoth();
        var broken = Path.Combine(_solution, "src", "Old", "bin", "promptlint-costs.json");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, "{ \"schemaVersion\": 1, \"callSites\": [] }");

        var (_, engine, result) = Combine(supportBot, broken);

        Assert.True(result);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9008", warning.Code);
        Assert.Equal(broken, warning.File);
        Assert.Equal(
            $"PromptLint cannot combine the cost report '{broken}': it is not a project cost report of schema version 3 "
            + "(schemaVersion 1 is not supported; this PromptLint reads version 3); the combined report leaves it out.",
            warning.Message);
        Assert.Equal("SupportBot", Assert.Single(SolutionReportJson.Read(File.ReadAllText(Combined)).Projects).Report.Project);
    }

    [Fact]
    public void Warns_PL9008_and_writes_nothing_when_there_is_no_report_to_combine()
    {
        var (_, engine, result) = Combine();

        Assert.True(result);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9008", warning.Code);
        Assert.StartsWith($"PromptLint found no project cost report to combine, so '{Combined}' was not written.", warning.Message);
        Assert.False(File.Exists(Combined));
    }

    [Fact]
    public void Combined_report_is_a_baseline_for_each_of_its_projects()
    {
        var (supportBot, billing) = BuildBoth();
        Combine(supportBot, billing);
        var answer = _supportBot.AnswerWriter();
        answer.CallsPerMonth = 100_000;
        answer.Line += 5;
        _supportBot.WriteLog(answer, _supportBot.Triage());

        var (_, engine, _) = _supportBot.Run(baseline: Combined);

        Assert.Empty(engine.Warnings);
        Assert.Contains("; no change against the baseline, ", Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }
}
