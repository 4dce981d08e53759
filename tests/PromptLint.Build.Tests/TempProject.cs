using PromptLint.Core.Reports;

namespace PromptLint.Build.Tests;

/// <summary>
/// A project folder under the temp directory laid out as MSBuild lays it out: the call-site log under <c>obj</c>, the
/// reports under <c>bin</c>. Deleted on dispose.
/// </summary>
internal sealed class TempProject : IDisposable
{
    private readonly string _root;

    public TempProject()
    {
        _root = Path.Combine(Path.GetTempPath(), "promptlint-build-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        ProjectDirectory = Path.Combine(_root, "SupportBot");
        Directory.CreateDirectory(ProjectDirectory);
        CallSiteLog = Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0", "promptlint", "callsites.json");
        // PromptLint.targets passes $([System.IO.Path]::Combine('$(MSBuildProjectDirectory)', '$(OutDir)')).
        OutputDirectory = Path.Combine(ProjectDirectory, "bin/Debug/net10.0/");
    }

    /// <summary>The folder that holds the project folder, for paths outside the project.</summary>
    public string Root => _root;

    public string ProjectDirectory { get; }

    public string CallSiteLog { get; }

    public string OutputDirectory { get; }

    public string JsonReport => Path.Combine(OutputDirectory, "promptlint-costs.json");

    public string MarkdownReport => Path.Combine(OutputDirectory, "promptlint-costs.md");

    public string InProject(string relativePath) => Path.Combine(ProjectDirectory, relativePath);

    /// <summary>Writes the call-site log as the analyzers do, with absolute source paths.</summary>
    public void WriteLog(params CallSiteRecord[] callSites)
    {
        var report = new CostReport
        {
            Project = "SupportBot",
            CatalogSource = "built-in",
            CatalogAsOf = "2026-12-03",
            PriceDataAsOf = "2026-07-18",
            CallSites = callSites.ToList(),
        };
        WriteLogText(CostReportJson.Write(report));
    }

    public void WriteLogText(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CallSiteLog)!);
        File.WriteAllText(CallSiteLog, text);
    }

    /// <summary>The assembly the compiler writes under <c>obj</c>.</summary>
    public string IntermediateAssembly => Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0", "SupportBot.dll");

    public (WriteCostReport Task, RecordingBuildEngine Engine, bool Result) Run(
        DateTime? compileStartedUtc = null,
        bool analyzersDisabled = false,
        string baseline = "",
        string stepSummary = "",
        bool compileFailed = false)
    {
        var engine = new RecordingBuildEngine();
        var task = new WriteCostReport
        {
            BuildEngine = engine,
            CallSiteLog = CallSiteLog,
            OutputDirectory = OutputDirectory,
            ProjectDirectory = ProjectDirectory,
            CompileStartedUtc = compileStartedUtc?.ToString("o") ?? "",
            IntermediateAssembly = IntermediateAssembly,
            AnalyzersDisabled = analyzersDisabled,
            CompileFailed = compileFailed,
            Baseline = baseline,
            StepSummaryFile = stepSummary,
        };
        var result = task.Execute();
        return (task, engine, result);
    }

    /// <summary>gpt-4o: 3,680 input x $2.50/1M + 500 output x $10/1M = $0.0142.</summary>
    public CallSiteRecord AnswerWriter() => new()
    {
        File = InProject("src/SupportBot/AnswerWriter.cs"),
        Line = 42,
        Column = 13,
        Member = "SupportBot.AnswerWriter.WriteAsync(string)",
        Ordinal = 1,
        Sdk = "OpenAI",
        Method = "CompleteChatAsync",
        Model = "gpt-4o",
        ModelSource = "call",
        ModelKnown = true,
        StaticInputTokens = 3_180,
        DynamicSegments = 1,
        AssumedDynamicTokens = 500,
        PrefixTokens = 3_063,
        OutputTokens = 500,
        OutputAssumed = true,
        CostPerCall = 0.0142m,
        CostPerCallWarmCache = 0.01037125m,
    };

    /// <summary>claude-sonnet-4-5: 2,350 input x $3/1M + 280 output x $15/1M = $0.01125.</summary>
    public CallSiteRecord Triage() => new()
    {
        File = InProject("src/SupportBot/Triage.cs"),
        Line = 18,
        Column = 9,
        Member = "SupportBot.Triage.ClassifyAsync(Ticket)",
        Ordinal = 1,
        Sdk = "Anthropic",
        Method = "Messages.Create",
        Model = "claude-sonnet-4-5",
        ModelSource = "client",
        ModelKnown = true,
        StaticInputTokens = 2_350,
        OutputCap = 280,
        OutputTokens = 280,
        TokensApproximate = true,
        CostPerCall = 0.01125m,
        CostPerCallWarmCache = 0.01125m,
    };

    /// <summary>A model the catalog does not know: not priced.</summary>
    public CallSiteRecord Legacy() => new()
    {
        File = InProject("src/SupportBot/Legacy.cs"),
        Line = 7,
        Column = 5,
        Member = "SupportBot.Legacy.Run()",
        Ordinal = 1,
        Sdk = "Microsoft.Extensions.AI",
        Method = "GetResponseAsync",
        Model = "my-gpt4o-deployment",
        ModelSource = "default",
        StaticInputTokens = 120,
        DynamicSegments = 2,
        AssumedDynamicTokens = 1_000,
        OutputTokens = 800,
        OutputAssumed = true,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
