using Microsoft.Build.Framework;
using PromptLint.Core.Reports;

namespace PromptLint.Build.Tests;

/// <summary><c>PromptLintBaseline</c>: the report and the summary compare with a previous report, or warn PL9008.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    /// <summary>Builds once with the given call sites and keeps the JSON report outside the output folder as the baseline.</summary>
    private string Baseline(params CallSiteRecord[] callSites)
    {
        _project.WriteLog(callSites);
        _project.Run();
        var baseline = Path.Combine(_project.Root, "baseline", "promptlint-costs.json");
        Directory.CreateDirectory(Path.GetDirectoryName(baseline)!);
        File.Copy(_project.JsonReport, baseline, overwrite: true);
        return baseline;
    }

    private static CallSiteRecord MovedDown(CallSiteRecord site, int lines)
    {
        site.Line += lines;
        return site;
    }

    /// <summary>Triage grown from 2,350 to 3,140 input tokens: 3,140 x $3/1M + 280 x $15/1M = $0.00942 + $0.0042 = $0.01362.</summary>
    private CallSiteRecord LongerTriage()
    {
        var site = _project.Triage();
        site.StaticInputTokens = 3_140;
        site.CostPerCall = 0.01362m;
        site.CostPerCallWarmCache = 0.01362m;
        return site;
    }

    [Fact]
    public void Finds_no_change_after_an_unrelated_edit_that_moves_lines()
    {
        var baseline = Baseline(_project.AnswerWriter(), _project.Triage(), _project.Legacy());
        // A comment block added at the top of every file: each call moves down, nothing else changes.
        _project.WriteLog(MovedDown(_project.AnswerWriter(), 9), MovedDown(_project.Triage(), 9), MovedDown(_project.Legacy(), 9));

        var (_, engine, result) = _project.Run(baseline: baseline);

        Assert.True(result);
        Assert.Empty(engine.Warnings);
        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal(51, report.CallSites[0].Line); // 42 + 9: the report has the new lines
        var comparison = report.Comparison!;
        Assert.Equal(3, comparison.UnchangedCallSites);
        Assert.Empty(comparison.Changed);
        Assert.Empty(comparison.Added);
        Assert.Empty(comparison.Removed);
        Assert.Equal(
            "PromptLint: 3 LLM call sites in SupportBot, est. $0.02545 per request set (1 not priced: unknown model); "
            + "no change against the baseline, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
        Assert.Contains("No change: the same 3 call sites with the same models, tokens, traffic and costs.", File.ReadAllText(_project.MarkdownReport));
    }

    private CallSiteRecord Writer(string ns, string file)
    {
        var site = _project.AnswerWriter();
        site.Member = $"Alpha.{ns}.Writer.Run(string)";
        site.File = Path.Combine(_project.Root, file);
        return site;
    }

    [Fact]
    public void Finds_no_change_when_a_file_with_a_same_named_type_is_renamed()
    {
        var baseline = Baseline(Writer("Billing", "Writers.cs"), Writer("Shipping", "ShippingWriter.cs"));
        _project.WriteLog(Writer("Billing", "Writers.cs"), Writer("Shipping", "ZShippingWriter.cs"));

        var (_, engine, _) = _project.Run(baseline: baseline);

        var comparison = CostReportJson.Read(File.ReadAllText(_project.JsonReport)).Comparison!;
        Assert.Equal(2, comparison.UnchangedCallSites);
        Assert.False(comparison.HasChanges);
        Assert.Contains("no change against the baseline", Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Names_the_largest_change_in_the_summary_and_writes_the_comparison_into_both_reports()
    {
        var baseline = Baseline(_project.AnswerWriter(), _project.Triage(), _project.Legacy());
        _project.WriteLog(MovedDown(_project.AnswerWriter(), 2), LongerTriage(), _project.Legacy());

        var (_, engine, _) = _project.Run(baseline: baseline);

        // Per request set: $0.0142 + $0.01125 = $0.02545 before, $0.0142 + $0.01362 = $0.02782 after: +$0.00237 / $0.02545 = +9.3%.
        // Triage: +$0.00237 / $0.01125 = +21.1% per request.
        Assert.Equal(
            "PromptLint: 3 LLM call sites in SupportBot, est. $0.02782 per request set (1 not priced: unknown model); "
            + "against the baseline: +9% per request set, largest change +21% per request: SupportBot.Triage.ClassifyAsync "
            + "2,350 → 3,140 input tokens, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
        var comparison = CostReportJson.Read(File.ReadAllText(_project.JsonReport)).Comparison!;
        Assert.Equal(baseline, comparison.BaselineFile); // outside the project folder, so shown in full
        var change = Assert.Single(comparison.Changed);
        Assert.Equal((2_350, 3_140), (change.Before!.InputTokens, change.After!.InputTokens));
        Assert.Equal(2, comparison.UnchangedCallSites);
        Assert.Contains(
            "| `src/SupportBot/Triage.cs:18` `SupportBot.Triage.ClassifyAsync(Ticket)` | claude-sonnet-4-5 | 2,350 → 3,140 | 280 | "
            + "$0.01125 → $0.01362 (+21%) | – |",
            File.ReadAllText(_project.MarkdownReport));
    }

    [Fact]
    public void Counts_new_and_removed_call_sites_in_the_summary()
    {
        var baseline = Baseline(_project.AnswerWriter(), _project.Legacy());
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        var (_, engine, _) = _project.Run(baseline: baseline);

        // $0.0142 before (Legacy is unpriced), $0.0142 + $0.01125 = $0.02545 after: +$0.01125 / $0.0142 = +79.2%
        Assert.Equal(
            "PromptLint: 2 LLM call sites in SupportBot, est. $0.02545 per request set; against the baseline: +79% per request set, "
            + "1 new call site, 1 removed call site, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Names_the_monthly_change_when_only_the_traffic_changed()
    {
        var before = _project.Triage();
        before.CallsPerMonth = 200_000;
        var baseline = Baseline(before);
        var after = _project.Triage();
        after.CallsPerMonth = 250_000;
        _project.WriteLog(after);

        var (_, engine, _) = _project.Run(baseline: baseline);

        // 200,000 x $0.01125 = $2,250.00 before, 250,000 x $0.01125 = $2,812.50 after: +25% per month, the same per request set
        Assert.Equal(
            "PromptLint: 1 LLM call site in SupportBot, est. $0.01125 per request set, $2,812.50 per month; against the baseline: "
            + "largest change +25% per month: SupportBot.Triage.ClassifyAsync 200,000 → 250,000 calls per month, "
            + "report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Takes_a_relative_baseline_path_from_the_project_folder()
    {
        Baseline(_project.AnswerWriter());
        _project.WriteLog(_project.AnswerWriter());

        var (_, engine, _) = _project.Run(baseline: "../baseline/promptlint-costs.json");

        Assert.Empty(engine.Warnings);
        Assert.NotNull(CostReportJson.Read(File.ReadAllText(_project.JsonReport)).Comparison);
    }

    [Fact]
    public void Shows_a_baseline_inside_the_project_folder_relative_to_it()
    {
        var outside = Baseline(_project.AnswerWriter());
        File.Copy(outside, _project.InProject("promptlint-baseline.json"));

        _project.Run(baseline: "promptlint-baseline.json");

        Assert.Contains("Compared with `promptlint-baseline.json`: ", File.ReadAllText(_project.MarkdownReport));
    }

    [Fact]
    public void Writes_no_comparison_without_a_baseline()
    {
        _project.WriteLog(_project.AnswerWriter());

        var (_, engine, _) = _project.Run(baseline: "  ");

        Assert.Empty(engine.Warnings);
        Assert.Null(CostReportJson.Read(File.ReadAllText(_project.JsonReport)).Comparison);
        Assert.DoesNotContain("Against the baseline", File.ReadAllText(_project.MarkdownReport));
    }

    [Fact]
    public void Warns_PL9008_for_a_missing_baseline_and_writes_the_report_without_a_comparison()
    {
        _project.WriteLog(_project.AnswerWriter());
        var missing = Path.Combine(_project.Root, "baseline", "promptlint-costs.json");

        var warning = AssertOnePL9008(missing);

        Assert.Equal(
            $"PromptLint cannot compare with the baseline '{missing}' named by PromptLintBaseline: the file does not exist; "
            + "the cost report is written without a comparison.",
            warning.Message);
    }

    [Fact]
    public void Warns_PL9008_for_a_folder()
    {
        _project.WriteLog(_project.AnswerWriter());

        var warning = AssertOnePL9008(_project.Root);

        Assert.Contains(": it is a folder, not a file; ", warning.Message);
    }

    [Fact]
    public void Warns_PL9008_for_a_baseline_that_is_not_json()
    {
        _project.WriteLog(_project.AnswerWriter());
        var baseline = Path.Combine(_project.Root, "baseline.json");
        File.WriteAllText(baseline, "<html>not found</html>");

        var warning = AssertOnePL9008(baseline);

        Assert.Contains(": it is not valid JSON (line 1, character 1: '<' is an invalid start of a value); ", warning.Message);
        Assert.DoesNotContain("   at ", warning.Message);
    }

    [Fact]
    public void Warns_PL9008_for_a_baseline_of_an_older_schema_version()
    {
        var baseline = Baseline(_project.AnswerWriter());
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 2"));

        var warning = AssertOnePL9008(baseline);

        Assert.Equal(
            $"PromptLint cannot compare with the baseline '{baseline}' named by PromptLintBaseline: it is a report of schema "
            + "version 2, which names call sites without their namespace, and this PromptLint compares only with version 3; "
            + "build the baseline again with this PromptLint; "
            + "the cost report is written without a comparison.",
            warning.Message);
    }

    [Fact]
    public void Warns_PL9008_for_the_report_of_another_project()
    {
        var baseline = Baseline(_project.AnswerWriter());
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("\"project\": \"SupportBot\"", "\"project\": \"Billing\""));

        var warning = AssertOnePL9008(baseline);

        Assert.Contains(": it is the report of project 'Billing', not of 'SupportBot'; ", warning.Message);
    }

    private BuildWarningEventArgs AssertOnePL9008(string baseline)
    {
        var (task, engine, result) = _project.Run(baseline: baseline);

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9008", warning.Code);
        Assert.Equal(Path.GetFullPath(baseline), warning.File);
        Assert.Equal(2, task.ReportFiles.Length);
        Assert.Null(CostReportJson.Read(File.ReadAllText(_project.JsonReport)).Comparison);
        Assert.StartsWith("PromptLint: 1 LLM call site in SupportBot, est. $0.0142 per request set, report: ",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
        return warning;
    }
}
