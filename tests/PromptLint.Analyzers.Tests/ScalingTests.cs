using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers.CallSites;
using PromptLint.Core.Tokens;

namespace PromptLint.Analyzers.Tests;

/// <summary>Tests that read the process-wide work counters, so they must not run beside other analyzer tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkCounters
{
    public const string Name = "Work counters";
}

/// <summary>
/// The work the analyzers do grows linearly with the code, each call site is read once for all rule families, and the
/// shared caches stay bounded. Nothing here measures seconds: it counts work.
/// </summary>
[Collection(WorkCounters.Name)]
public sealed class ScalingTests
{
    private static int s_run;

    [Fact]
    public async Task Doubling_the_call_sites_doubles_the_reads_and_the_tokenizations()
    {
        var small = await Work(40);
        var large = await Work(80);

        // Every invocation is read once per compilation, whichever families ask for it.
        Assert.Equal(2 * small.Reads, large.Reads);
        Assert.Equal(2 * small.Tokenizations, large.Tokenizations);
        Assert.Equal(2 * small.Diagnostics, large.Diagnostics);
    }

    [Fact]
    public void The_token_cache_stays_within_its_capacity()
    {
        for (var i = 0; i < TokenCounter.CacheCapacity + 500; i++)
            TokenCounter.Count($"bounded cache text {i}", "o200k_base");

        Assert.InRange(TokenCounter.CachedTexts, 1, TokenCounter.CacheCapacity);
    }

    [Fact]
    public async Task The_same_code_gives_the_same_diagnostics_twice()
    {
        var source = Source(20, runId: 0);

        var first = Describe(await Analyze(source));
        var second = Describe(await Analyze(source));

        Assert.Equal(first, second);
    }

    private static async Task<(long Reads, long Tokenizations, int Diagnostics)> Work(int callSites)
    {
        // A fresh run id gives texts the token cache has not seen, so every prompt is a cache miss once.
        var source = Source(callSites, Interlocked.Increment(ref s_run) * 1000);
        var reads = CallSiteReader.Reads;
        var tokenizations = TokenCounter.Tokenizations;

        var diagnostics = await Analyze(source);

        return (CallSiteReader.Reads - reads, TokenCounter.Tokenizations - tokenizations, diagnostics.Length);
    }

    private static string Source(int callSites, int runId)
    {
        var source = new StringBuilder("using OpenAI.Chat;\nusing System.Threading.Tasks;\n\nclass C(ChatClient client)\n{\n");
        for (var i = 0; i < callSites; i++)
        {
            source.AppendLine($"    const string Prompt{i} = \"Prompt {runId + i}: answer the question about order {i} politely.\";");
            source.AppendLine($"    async Task Ask{i}(string q) => await client.CompleteChatAsync([new SystemChatMessage(Prompt{i}), new UserChatMessage(q)]);");
        }

        return source.Append("}\n").ToString();
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Scaling",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)) },
            SdkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = typeof(Rules.Cost.CostAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }

    private static List<string> Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .ThenBy(static d => d.Id, StringComparer.Ordinal)
            .Select(static d => $"{d.Id} {d.Location.SourceSpan} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
}
