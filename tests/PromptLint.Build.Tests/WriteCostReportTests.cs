using Microsoft.Build.Framework;
using PromptLint.Core.Reports;

namespace PromptLint.Build.Tests;

public sealed class WriteCostReportTests : IDisposable
{
    private static readonly DateTime s_longAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Writes_the_json_and_markdown_reports_into_the_output_directory()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        var (task, engine, result) = _project.Run();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.True(File.Exists(_project.JsonReport));
        Assert.True(File.Exists(_project.MarkdownReport));
        Assert.Equal(new[] { _project.JsonReport, _project.MarkdownReport }, task.ReportFiles.Select(static f => f.ItemSpec));
    }

    [Fact]
    public void Writes_the_call_sites_and_costs_of_the_log_into_the_json_report()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        _project.Run();

        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal("SupportBot", report.Project);
        Assert.Equal(2, report.CallSites.Count);
        Assert.Equal(0.0142m, report.CallSites[0].CostPerCall);
        Assert.Equal(0.01125m, report.CallSites[1].CostPerCall);
        Assert.Equal(0.02545m, report.CostPerRequestSet); // 0.0142 + 0.01125
    }

    [Fact]
    public void Writes_source_paths_relative_to_the_project_directory()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        _project.Run();

        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal(
            new[] { "src/SupportBot/AnswerWriter.cs", "src/SupportBot/Triage.cs" },
            report.CallSites.Select(static c => c.File));
        var markdown = File.ReadAllText(_project.MarkdownReport);
        Assert.Contains("| `src/SupportBot/AnswerWriter.cs:42` `SupportBot.AnswerWriter.WriteAsync(string)` |", markdown);
        Assert.DoesNotContain(_project.ProjectDirectory, markdown);
    }

    [Fact]
    public void Accepts_a_project_directory_with_a_trailing_separator()
    {
        _project.WriteLog(_project.AnswerWriter());
        var engine = new RecordingBuildEngine();
        var task = new WriteCostReport
        {
            BuildEngine = engine,
            CallSiteLog = _project.CallSiteLog,
            OutputDirectory = _project.OutputDirectory,
            ProjectDirectory = _project.ProjectDirectory + Path.DirectorySeparatorChar,
        };

        Assert.True(task.Execute());

        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal("src/SupportBot/AnswerWriter.cs", report.CallSites[0].File);
        var summary = Assert.Single(engine.MessagesOf(MessageImportance.High));
        Assert.EndsWith(", report: bin/Debug/net10.0/promptlint-costs.md", summary);
    }

    [Fact]
    public void Names_the_report_relative_to_where_a_solution_build_started()
    {
        // `dotnet build Support.sln` from the folder above the project: the summary names this project's own report.
        _project.WriteLog(_project.Triage());
        var engine = new RecordingBuildEngine();
        var task = new WriteCostReport
        {
            BuildEngine = engine,
            CallSiteLog = _project.CallSiteLog,
            OutputDirectory = _project.OutputDirectory,
            ProjectDirectory = _project.ProjectDirectory,
            StartupDirectory = _project.Root,
        };

        task.Execute();

        Assert.EndsWith(", report: SupportBot/bin/Debug/net10.0/promptlint-costs.md", Assert.Single(engine.MessagesOf(MessageImportance.High)));
        // The call sites in the reports stay relative to the project.
        Assert.Equal("src/SupportBot/Triage.cs", CostReportJson.Read(File.ReadAllText(_project.JsonReport)).CallSites[0].File);
    }

    [Fact]
    public void Names_the_report_relative_to_the_project_when_the_build_started_elsewhere()
    {
        _project.WriteLog(_project.Triage());
        var engine = new RecordingBuildEngine();
        var task = new WriteCostReport
        {
            BuildEngine = engine,
            CallSiteLog = _project.CallSiteLog,
            OutputDirectory = _project.OutputDirectory,
            ProjectDirectory = _project.ProjectDirectory,
            StartupDirectory = Path.Combine(_project.Root, "elsewhere"),
        };

        task.Execute();

        Assert.EndsWith(", report: bin/Debug/net10.0/promptlint-costs.md", Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Keeps_a_source_path_outside_the_project_directory_absolute()
    {
        var shared = _project.AnswerWriter();
        shared.File = Path.Combine(_project.Root, "Shared", "Prompts.cs");
        // A sibling folder whose name starts with the project's name is still outside the project.
        var sibling = _project.Triage();
        sibling.File = Path.Combine(_project.Root, "SupportBot.Tests", "TriageTests.cs");
        _project.WriteLog(shared, sibling);

        _project.Run();

        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal(shared.File, report.CallSites[0].File);
        Assert.Equal(sibling.File, report.CallSites[1].File);
    }

    [Fact]
    public void Logs_one_high_importance_summary_with_count_cost_and_report_path()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        var (_, engine, _) = _project.Run();

        // $0.0142 + $0.01125 = $0.02545
        Assert.Equal(
            "PromptLint: 2 LLM call sites in SupportBot, est. $0.02545 per request set, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Logs_the_monthly_cost_in_the_summary_when_call_sites_have_traffic()
    {
        var answer = _project.AnswerWriter();
        answer.CallsPerMonth = 100_000;
        var triage = _project.Triage();
        triage.CallsPerMonth = 250_000;
        _project.WriteLog(answer, triage, _project.Legacy());

        var (_, engine, _) = _project.Run();

        // 100,000 x $0.0142 + 250,000 x $0.01125 = $1,420.00 + $2,812.50
        Assert.Equal(
            "PromptLint: 3 LLM call sites in SupportBot, est. $0.02545 per request set (1 not priced: unknown model), "
            + "$4,232.50 per month, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Orders_call_sites_by_file_member_and_ordinal_rather_than_line()
    {
        // The analyzers write file, line and column order; a method moved above another must not reorder the report.
        var later = _project.Triage();
        later.Member = "SupportBot.Triage.AnswerAsync(Ticket)";
        later.Line = 60;
        var earlier = _project.Triage();
        earlier.Member = "SupportBot.Triage.ClassifyAsync(Ticket)";
        earlier.Line = 18;
        var second = _project.Triage();
        second.Member = "SupportBot.Triage.ClassifyAsync(Ticket)";
        second.Ordinal = 2;
        second.Line = 25;
        _project.WriteLog(_project.AnswerWriter(), earlier, second, later);

        _project.Run();

        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal(
            new[] { ("src/SupportBot/AnswerWriter.cs", 42), ("src/SupportBot/Triage.cs", 60), ("src/SupportBot/Triage.cs", 18), ("src/SupportBot/Triage.cs", 25) },
            report.CallSites.Select(static c => (c.File, c.Line)));
    }

    [Fact]
    public void Logs_a_singular_summary_for_one_call_site()
    {
        _project.WriteLog(_project.Triage());

        var (_, engine, _) = _project.Run();

        Assert.Equal(
            "PromptLint: 1 LLM call site in SupportBot, est. $0.01125 per request set, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Logs_the_unpriced_count_in_the_summary_and_leaves_it_out_of_the_total()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage(), _project.Legacy());

        var (_, engine, _) = _project.Run();

        Assert.Equal(
            "PromptLint: 3 LLM call sites in SupportBot, est. $0.02545 per request set (1 not priced: unknown model), "
            + "report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Logs_a_summary_with_a_dollar_total_formatted_with_cents()
    {
        var expensive = _project.AnswerWriter();
        expensive.CostPerCall = 1_234.5m;
        _project.WriteLog(expensive);

        var (_, engine, _) = _project.Run();

        var summary = Assert.Single(engine.MessagesOf(MessageImportance.High));
        Assert.StartsWith("PromptLint: 1 LLM call site in SupportBot, est. $1,234.50 per request set,", summary);
    }

    [Fact]
    public void Logs_one_low_importance_line_per_call_site()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Legacy());

        var (_, engine, _) = _project.Run();

        Assert.Equal(
            new[]
            {
                "PromptLint:   src/SupportBot/AnswerWriter.cs:42 OpenAI gpt-4o: 3680 input + 500 output tokens, $0.0142",
                "PromptLint:   src/SupportBot/Legacy.cs:7 Microsoft.Extensions.AI my-gpt4o-deployment: "
                + "1120 input + 800 output tokens, not priced",
            },
            engine.MessagesOf(MessageImportance.Low));
    }

    [Fact]
    public void Logs_a_summary_whose_report_path_has_braces()
    {
        // An output folder outside the project is shown in full, braces and all; the summary is not a format string.
        _project.WriteLog(_project.Triage());
        var outside = Path.Combine(_project.Root, "artifacts{0}");
        var engine = new RecordingBuildEngine();
        var task = new WriteCostReport
        {
            BuildEngine = engine,
            CallSiteLog = _project.CallSiteLog,
            OutputDirectory = outside,
            ProjectDirectory = _project.ProjectDirectory,
        };

        Assert.True(task.Execute());

        Assert.Empty(engine.Warnings);
        Assert.Equal(
            "PromptLint: 1 LLM call site in SupportBot, est. $0.01125 per request set, report: " + Path.Combine(outside, "promptlint-costs.md"),
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Writes_an_empty_report_for_a_project_without_call_sites()
    {
        _project.WriteLog();

        var (_, engine, result) = _project.Run();

        Assert.True(result);
        Assert.Empty(CostReportJson.Read(File.ReadAllText(_project.JsonReport)).CallSites);
        Assert.Equal(
            "PromptLint: 0 LLM call sites in SupportBot, est. $0.0000 per request set, report: bin/Debug/net10.0/promptlint-costs.md",
            Assert.Single(engine.MessagesOf(MessageImportance.High)));
    }

    [Fact]
    public void Warns_PL9004_and_succeeds_when_the_call_site_log_is_missing()
    {
        var (task, engine, result) = _project.Run();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9004", warning.Code);
        Assert.Equal(_project.CallSiteLog, warning.File);
        Assert.StartsWith("PromptLint has no call-site data from this build, so no cost report was written: the PromptLint analyzers did not run", warning.Message);
        Assert.Empty(task.ReportFiles);
        Assert.False(Directory.Exists(_project.OutputDirectory));
        Assert.Empty(engine.MessagesOf(MessageImportance.High));
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 3, \"project\": ")] // cut off mid-write
    [InlineData("")]
    [InlineData("[]")] // valid JSON, wrong shape
    [InlineData("{ \"schemaVersion\": 3 }")] // required properties missing
    [InlineData("{ \"schemaVersion\": \"one\" }")]
    public void Warns_PL9005_and_succeeds_when_the_call_site_log_is_malformed(string text)
    {
        _project.WriteLogText(text);

        var (task, engine, result) = _project.Run();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9005", warning.Code);
        Assert.Equal(_project.CallSiteLog, warning.File);
        Assert.StartsWith("PromptLint could not read its call-site data (", warning.Message);
        Assert.EndsWith("); no cost report was written. Rebuild the project to refresh it.", warning.Message);
        Assert.DoesNotContain("   at ", warning.Message); // a plain sentence, never a stack trace
        Assert.Empty(task.ReportFiles);
        Assert.False(File.Exists(_project.JsonReport));
    }

    [Fact]
    public void Warns_PL9005_with_the_reason_for_an_unsupported_schema_version()
    {
        _project.WriteLog(_project.AnswerWriter());
        _project.WriteLogText(File.ReadAllText(_project.CallSiteLog).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 4"));

        var (_, engine, result) = _project.Run();

        Assert.True(result);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9005", warning.Code);
        Assert.Contains("(schemaVersion 4 is not supported; this PromptLint reads version 3.)", warning.Message);
    }

    [Fact]
    public void Warns_PL9006_and_succeeds_when_the_output_directory_cannot_be_created()
    {
        _project.WriteLog(_project.AnswerWriter());
        // A file where the output folder should be makes Directory.CreateDirectory fail with an IOException.
        var blocked = Path.Combine(_project.ProjectDirectory, "bin");
        File.WriteAllText(blocked, "not a folder");

        var (_, engine, result) = _project.Run();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9006", warning.Code);
        Assert.Equal(_project.OutputDirectory, warning.File);
    }

    [Fact]
    public void Does_not_rewrite_unchanged_reports_on_a_second_run()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());
        _project.Run();
        var json = File.ReadAllText(_project.JsonReport);
        var markdown = File.ReadAllText(_project.MarkdownReport);
        File.SetLastWriteTimeUtc(_project.JsonReport, s_longAgo);
        File.SetLastWriteTimeUtc(_project.MarkdownReport, s_longAgo);

        var (task, engine, result) = _project.Run();

        Assert.True(result);
        Assert.Equal(s_longAgo, File.GetLastWriteTimeUtc(_project.JsonReport));
        Assert.Equal(s_longAgo, File.GetLastWriteTimeUtc(_project.MarkdownReport));
        Assert.Equal(json, File.ReadAllText(_project.JsonReport));
        Assert.Equal(markdown, File.ReadAllText(_project.MarkdownReport));
        // The files are still reported for FileWrites, and the summary is still logged.
        Assert.Equal(2, task.ReportFiles.Length);
        Assert.Single(engine.MessagesOf(MessageImportance.High));
    }

    [Fact]
    public void Writes_byte_identical_reports_from_the_same_data_with_every_field_set()
    {
        // Traffic, cache hit rate, cheapest model, prompt text and a baseline comparison: everything a report can hold.
        var answer = _project.AnswerWriter();
        answer.CallsPerMonth = 100_000;
        answer.TrafficSource = "project";
        answer.CacheHitRate = 0.8m;
        answer.CostPerCallCached = 0.011137m;
        answer.CheapestModel = "gpt-4o-mini";
        answer.CostPerCallCheapest = 0.000852m;
        answer.PromptText = "You answer support tickets for Contoso.";
        _project.WriteLog(_project.Legacy());
        _project.Run();
        var baseline = Path.Combine(_project.Root, "baseline.json");
        File.Copy(_project.JsonReport, baseline);
        _project.WriteLog(answer, _project.Triage(), _project.Legacy());
        _project.Run(baseline: baseline);
        var (json, markdown) = (File.ReadAllBytes(_project.JsonReport), File.ReadAllBytes(_project.MarkdownReport));
        File.Delete(_project.JsonReport);
        File.Delete(_project.MarkdownReport);

        _project.Run(baseline: baseline);

        Assert.Equal(json, File.ReadAllBytes(_project.JsonReport));
        Assert.Equal(markdown, File.ReadAllBytes(_project.MarkdownReport));
        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal(2, report.Comparison!.Added.Count);
        Assert.Equal("You answer support tickets for Contoso.", report.CallSites[0].PromptText);
    }

    [Fact]
    public void Rewrites_the_reports_when_the_call_sites_change()
    {
        _project.WriteLog(_project.AnswerWriter());
        _project.Run();
        File.SetLastWriteTimeUtc(_project.JsonReport, s_longAgo);
        File.SetLastWriteTimeUtc(_project.MarkdownReport, s_longAgo);
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        _project.Run();

        Assert.NotEqual(s_longAgo, File.GetLastWriteTimeUtc(_project.JsonReport));
        Assert.NotEqual(s_longAgo, File.GetLastWriteTimeUtc(_project.MarkdownReport));
        Assert.Equal(2, CostReportJson.Read(File.ReadAllText(_project.JsonReport)).CallSites.Count);
        Assert.Contains("`src/SupportBot/Triage.cs:18`", File.ReadAllText(_project.MarkdownReport));
    }

    [Fact]
    public void Writes_no_prompt_field_into_the_json_report()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        _project.Run();

        // The records carry no prompt; the report has exactly the record's fields plus its own header.
        var json = File.ReadAllText(_project.JsonReport);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var names = document.RootElement.GetProperty("callSites")[0].EnumerateObject().Select(static p => p.Name);
        Assert.Equal(
            new[]
            {
                "file", "line", "column", "member", "ordinal", "sdk", "method", "model", "modelSource", "modelKnown",
                "deployment", "staticInputTokens", "dynamicSegments", "assumedDynamicTokens", "dynamicTokensSource", "prefixTokens",
                "outputCap", "outputTokens", "outputAssumed", "tokensApproximate", "costPerCall", "costPerCallWarmCache",
                "cacheHitRate", "costPerCallCached", "cheapestModel", "costPerCallCheapest", "callsPerMonth", "trafficSource",
                "monthlyCost", "monthlyCostCached", "monthlyCostCheapest",
            },
            names);
    }

    [Fact]
    public void Writes_prompt_text_into_both_reports_only_for_records_that_carry_it()
    {
        // The analyzers fill PromptText only when the project sets PromptLintIncludePromptText=true.
        var answer = _project.AnswerWriter();
        answer.PromptText = "You answer support tickets for Contoso.";
        _project.WriteLog(answer, _project.Triage());

        var (_, engine, _) = _project.Run();

        var report = CostReportJson.Read(File.ReadAllText(_project.JsonReport));
        Assert.Equal("You answer support tickets for Contoso.", report.CallSites[0].PromptText);
        Assert.All(engine.Messages, static m => Assert.DoesNotContain("Contoso", m.Message ?? "")); // never in the build log
        Assert.Null(report.CallSites[1].PromptText);
        var markdown = File.ReadAllText(_project.MarkdownReport);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(markdown, "<details>"));
        Assert.Contains("<summary><code>SupportBot.AnswerWriter.WriteAsync(string)</code> at src/SupportBot/AnswerWriter.cs:42</summary>", markdown);
        Assert.Contains("\nYou answer support tickets for Contoso.\n", markdown);
    }

    [Fact]
    public void Writes_no_prompt_text_anywhere_when_no_record_carries_it()
    {
        _project.WriteLog(_project.AnswerWriter(), _project.Triage());

        _project.Run();

        Assert.DoesNotContain("promptText", File.ReadAllText(_project.JsonReport));
        Assert.DoesNotContain("<details>", File.ReadAllText(_project.MarkdownReport));
        Assert.DoesNotContain("Prompt text", File.ReadAllText(_project.MarkdownReport));
    }

    [Fact]
    public void Writes_the_report_of_a_compile_that_failed_on_an_analyzer_error()
    {
        // PL1005 raised to an error fails the compile after the analyzers wrote their records: no new assembly.
        var started = DateTime.UtcNow.AddSeconds(-5);
        _project.WriteLog(_project.Triage());

        var (_, engine, result) = _project.Run(compileStartedUtc: started, compileFailed: true);

        Assert.True(result);
        Assert.Empty(engine.Warnings);
        Assert.Single(CostReportJson.Read(File.ReadAllText(_project.JsonReport)).CallSites);
        Assert.StartsWith("PromptLint: 1 LLM call site in SupportBot, ", Assert.Single(engine.MessagesOf(MessageImportance.High)), StringComparison.Ordinal);
    }

    [Fact]
    public void Says_nothing_and_keeps_the_last_report_when_the_compile_failed_before_the_analyzers_wrote_anything()
    {
        _project.WriteLog(_project.Triage());
        Directory.CreateDirectory(_project.OutputDirectory);
        File.WriteAllText(_project.JsonReport, "the last good build's report");
        File.SetLastWriteTimeUtc(_project.CallSiteLog, DateTime.UtcNow.AddMinutes(-10));

        var (task, engine, result) = _project.Run(compileStartedUtc: DateTime.UtcNow.AddSeconds(-5), compileFailed: true);

        Assert.True(result);
        Assert.Empty(engine.Warnings);
        Assert.Empty(engine.MessagesOf(MessageImportance.High));
        Assert.Empty(task.ReportFiles);
        Assert.Equal("the last good build's report", File.ReadAllText(_project.JsonReport));
    }

    [Fact]
    public void Uses_the_log_of_an_earlier_compile_when_the_compiler_did_not_run()
    {
        _project.WriteLog(_project.Triage());
        Directory.CreateDirectory(Path.GetDirectoryName(_project.IntermediateAssembly)!);
        File.WriteAllText(_project.IntermediateAssembly, "assembly");
        var earlier = DateTime.UtcNow.AddMinutes(-10);
        File.SetLastWriteTimeUtc(_project.IntermediateAssembly, earlier);
        File.SetLastWriteTimeUtc(_project.CallSiteLog, earlier);

        var (_, engine, result) = _project.Run(compileStartedUtc: DateTime.UtcNow);

        Assert.True(result);
        Assert.Empty(engine.Warnings);
        Assert.True(File.Exists(_project.JsonReport));
    }

    [Fact]
    public void Warns_PL9004_and_removes_stale_data_when_the_compiler_ran_without_the_analyzers()
    {
        _project.WriteLog(_project.Triage());
        Directory.CreateDirectory(_project.OutputDirectory);
        File.WriteAllText(_project.JsonReport, "old report");
        File.SetLastWriteTimeUtc(_project.CallSiteLog, DateTime.UtcNow.AddMinutes(-10));
        Directory.CreateDirectory(Path.GetDirectoryName(_project.IntermediateAssembly)!);
        var started = DateTime.UtcNow.AddSeconds(-5);
        File.WriteAllText(_project.IntermediateAssembly, "assembly"); // written by this compile, after it started

        var (task, engine, result) = _project.Run(compileStartedUtc: started);

        Assert.True(result);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9004", warning.Code);
        Assert.Contains("the compiler ran without the PromptLint analyzers", warning.Message);
        Assert.Empty(task.ReportFiles);
        Assert.False(File.Exists(_project.CallSiteLog));
        Assert.False(File.Exists(_project.JsonReport));
    }

    [Fact]
    public void Warns_PL9004_when_analyzers_are_switched_off()
    {
        _project.WriteLog(_project.Triage());

        var (task, engine, result) = _project.Run(analyzersDisabled: true);

        Assert.True(result);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL9004", warning.Code);
        Assert.Contains("RunAnalyzers or RunAnalyzersDuringBuild is false", warning.Message);
        Assert.Empty(task.ReportFiles);
        Assert.False(File.Exists(_project.JsonReport));
        Assert.False(File.Exists(_project.CallSiteLog), "the records are an earlier build's; the next build must not warn again");
    }
}
