using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Core.Catalog;
using PromptLint.Core.Tokens;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// The token counts a build writes beside its call-site records, and the next build that reads them: prompts no edit
/// touched are not tokenized again, and the findings and figures stay exactly the same.
/// </summary>
[Collection(WorkCounters.Name)]
public sealed class TokenCountCacheTests : IDisposable
{
    private static int s_run;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"));

    private string LogPath => Path.Combine(_folder, "callsites.json");

    private string CountsPath => Path.Combine(_folder, "token-counts.json");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_build_writes_the_count_of_every_prompt_text_it_counted()
    {
        var source = Source(Interlocked.Increment(ref s_run), editedTicket: false);

        await Analyze(source, earlierCounts: null);

        var written = TokenCountFile.Parse(File.ReadAllText(CountsPath));
        // Three constant texts: the two OpenAI system prompts and the Anthropic handbook.
        Assert.Equal(3, written.Count);
        Assert.True(written.TryGet(TokenEncodings.O200kBase, Handbook(s_run), out var handbook));
        Assert.Equal(TokenCounter.Count(Handbook(s_run), TokenEncodings.O200kBase), handbook);
    }

    [Fact]
    public async Task The_next_build_tokenizes_nothing_and_reports_the_same()
    {
        var source = Source(Interlocked.Increment(ref s_run), editedTicket: false);
        var first = await Analyze(source, earlierCounts: null);
        var counts = File.ReadAllText(CountsPath);
        TokenCounter.ForgetCounts();
        var (tokenizations, fromFile) = (TokenCounter.Tokenizations, TokenCounter.CountsFromFile);

        var second = await Analyze(source, counts);

        Assert.Equal(0, TokenCounter.Tokenizations - tokenizations);
        Assert.Equal(3, TokenCounter.CountsFromFile - fromFile);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Contains(second, static d => d.Id == "PL2003");
        Assert.Contains(second, static d => d.Id == "PL1003");
    }

    [Fact]
    public async Task An_edited_prompt_is_the_only_text_tokenized_again()
    {
        var run = Interlocked.Increment(ref s_run);
        await Analyze(Source(run, editedTicket: false), earlierCounts: null);
        var counts = File.ReadAllText(CountsPath);
        TokenCounter.ForgetCounts();
        var tokenizations = TokenCounter.Tokenizations;

        await Analyze(Source(run, editedTicket: true), counts);

        Assert.Equal(1, TokenCounter.Tokenizations - tokenizations);
        var rewritten = TokenCountFile.Parse(File.ReadAllText(CountsPath));
        Assert.Equal(3, rewritten.Count);
        Assert.True(rewritten.TryGet(TokenEncodings.O200kBase, Ticket(run, edited: true), out _));
        Assert.False(rewritten.TryGet(TokenEncodings.O200kBase, Ticket(run, edited: false), out _));
    }

    [Fact]
    public async Task A_build_whose_prompts_did_not_change_leaves_the_file_alone()
    {
        var source = Source(Interlocked.Increment(ref s_run), editedTicket: false);
        await Analyze(source, earlierCounts: null);
        var counts = File.ReadAllText(CountsPath);
        var longAgo = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(CountsPath, longAgo);

        await Analyze(source, counts);

        // An untouched file keeps the compile that wrote it up to date: it is an input of the next one.
        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(CountsPath));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"format":1,"counter":"another tokenizer","counts":{"o200k_base":{}}}""")]
    [InlineData("""{"format":99,"counter":"x","counts":{}}""")]
    public async Task Counts_that_cannot_be_used_are_left_out_and_the_texts_counted_again(string unusable)
    {
        var run = Interlocked.Increment(ref s_run);
        var source = Source(run, editedTicket: false);
        TokenCounter.ForgetCounts();
        var tokenizations = TokenCounter.Tokenizations;

        var diagnostics = await Analyze(source, unusable);

        Assert.Equal(3, TokenCounter.Tokenizations - tokenizations);
        Assert.DoesNotContain(diagnostics, static d => d.Id == "AD0001");
        Assert.Equal(3, TokenCountFile.Parse(File.ReadAllText(CountsPath)).Count);
    }

    [Fact]
    public async Task Without_a_call_site_log_no_counts_are_written()
    {
        // The IDE passes no log path: the analyzers there read the counts but never write a file.
        var source = Source(Interlocked.Increment(ref s_run), editedTicket: false);

        await Analyze(source, earlierCounts: null, writeLog: false);

        Assert.False(Directory.Exists(_folder));
    }

    private static string Handbook(int run) =>
        $"Handbook {run}. " + string.Join(" ", Enumerable.Repeat("Check the order number before answering the customer.", 150));

    private static string Ticket(int run, bool edited) =>
        $"Ticket prompt {run}: summarise the ticket in {(edited ? "two" : "three")} bullet points.";

    private static string Source(int run, bool editedTicket) => $$"""
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using OpenAI.Chat;

        class Support(ChatClient chat, AnthropicClient anthropic)
        {
            const string Greeter = "Greeter {{run}}: you answer customers of Northwind politely.";
            const string Ticket = "{{Ticket(run, editedTicket)}}";
            const string Handbook = "{{Handbook(run)}}";

            Task Greet(string question) =>
                chat.CompleteChatAsync([new SystemChatMessage(Greeter), new UserChatMessage(question)]);

            Task Summarise(string ticket) =>
                chat.CompleteChatAsync(
                    [new SystemChatMessage(Ticket), new UserChatMessage(ticket)],
                    new ChatCompletionOptions { MaxOutputTokenCount = 300 });

            Task<Message> Answer(string question) =>
                anthropic.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """;

    private async Task<ImmutableArray<Diagnostic>> Analyze(string source, string? earlierCounts, bool writeLog = true)
    {
        var runner = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintDefaultModel", "gpt-4o");
        if (writeLog)
            runner.WithGlobalOption("build_property.PromptLintCallSiteLog", LogPath);
        if (earlierCounts is not null)
            runner.WithAdditionalFile(CountsPath, earlierCounts, "TokenCounts");

        var compilation = CSharpCompilation.Create(
            "TokenCounts",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)) },
            SdkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        var analyzers = typeof(Rules.Cost.CostAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return await compilation.WithAnalyzers(analyzers, runner.Options()).GetAnalyzerDiagnosticsAsync();
    }

    private static List<string> Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .ThenBy(static d => d.Id, StringComparer.Ordinal)
            .Select(static d => $"{d.Id} {d.Location.SourceSpan} {d.GetMessage(CultureInfo.InvariantCulture)} "
                + string.Join(";", d.Properties.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => $"{p.Key}={p.Value}")))
            .ToList();
}
