using Microsoft.Build.Framework;

namespace PromptLint.Build.Tests;

/// <summary>The Markdown report appended to the file <c>GITHUB_STEP_SUMMARY</c> names.</summary>
public sealed class StepSummaryTests : IDisposable
{
    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    private string SummaryFile => Path.Combine(_project.Root, "step_summary.md");

    [Fact]
    public void Appends_the_markdown_report_after_what_the_file_already_holds()
    {
        File.WriteAllText(SummaryFile, "## Tests\n\n120 passed");
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        var (_, engine, result) = _project.Run(stepSummary: SummaryFile);

        Assert.True(result);
        Assert.Empty(engine.Warnings);
        Assert.Equal("## Tests\n\n120 passed\n\n" + File.ReadAllText(_project.MarkdownReport), File.ReadAllText(SummaryFile));
    }

    [Fact]
    public void Creates_the_file_when_it_does_not_exist_yet()
    {
        _project.WriteLog(_project.AnswerWriter());

        _project.Run(stepSummary: SummaryFile);

        Assert.Equal(File.ReadAllText(_project.MarkdownReport), File.ReadAllText(SummaryFile));
    }

    [Fact]
    public void Adds_the_same_report_once_when_the_project_is_built_twice_in_a_step()
    {
        _project.WriteLog(_project.AnswerWriter());

        _project.Run(stepSummary: SummaryFile);
        _project.Run(stepSummary: SummaryFile);

        Assert.Equal(File.ReadAllText(_project.MarkdownReport), File.ReadAllText(SummaryFile));
    }

    [Fact]
    public void Adds_a_changed_report_again()
    {
        _project.WriteLog(_project.AnswerWriter());
        _project.Run(stepSummary: SummaryFile);
        var first = File.ReadAllText(_project.MarkdownReport);
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        _project.Run(stepSummary: SummaryFile);

        Assert.Equal(first + "\n" + File.ReadAllText(_project.MarkdownReport), File.ReadAllText(SummaryFile));
    }

    [Fact]
    public void Keeps_the_reports_of_projects_built_in_parallel_whole()
    {
        using var other = new TempProject();
        _project.WriteLog(_project.AnswerWriter());
        other.WriteLog(other.Triage());
        other.WriteLogText(File.ReadAllText(other.CallSiteLog).Replace("\"project\": \"SupportBot\"", "\"project\": \"Billing\""));

        Parallel.Invoke(() => _project.Run(stepSummary: SummaryFile), () => other.Run(stepSummary: SummaryFile));

        var summary = File.ReadAllText(SummaryFile);
        var supportBot = File.ReadAllText(_project.MarkdownReport);
        var billing = File.ReadAllText(other.MarkdownReport);
        Assert.True(summary == supportBot + "\n" + billing || summary == billing + "\n" + supportBot, summary);
    }

    [Fact]
    public void Appends_nothing_without_a_step_summary_file()
    {
        _project.WriteLog(_project.AnswerWriter());

        var (_, engine, _) = _project.Run(stepSummary: "");

        Assert.Empty(engine.Warnings);
        Assert.False(File.Exists(SummaryFile));
    }

    [Fact]
    public void Warns_PL9006_when_the_step_summary_cannot_be_written_and_keeps_the_reports()
    {
        _project.WriteLog(_project.AnswerWriter());
        var unwritable = Path.Combine(_project.Root, "no-such-folder", "step_summary.md");

        var (task, engine, result) = _project.Run(stepSummary: unwritable);

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9006", warning.Code);
        Assert.Equal(unwritable, warning.File);
        Assert.StartsWith($"PromptLint could not add the cost report to the GitHub step summary '{unwritable}': ", warning.Message);
        Assert.DoesNotContain("   at ", warning.Message);
        Assert.Equal(2, task.ReportFiles.Length);
        Assert.True(File.Exists(_project.MarkdownReport));
        Assert.Single(engine.MessagesOf(MessageImportance.High));
    }
}
