using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers.Rules.Reliability;

namespace PromptLint.Analyzers.Tests;

public sealed class PL3002AgentLoopTests
{
    private static Task Verify(string source) =>
        new AnalyzerTest<ReliabilityAnalyzer>(Usings.Common + source, "PL3001").RunAsync();

    private static async Task<Diagnostic> Single(string source)
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<ReliabilityAnalyzer>(source);
        return Assert.Single(diagnostics, static d => d.Id == "PL3002");
    }

    [Fact]
    public Task Reports_a_call_in_while_true_that_ends_only_on_the_answer() => Verify("""
        using Microsoft.Extensions.AI;

        class Planner(IChatClient chat)
        {
            async Task<string> Run(string goal)
            {
                var history = new List<ChatMessage> { new(ChatRole.User, goal) };
                while (true)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history, new ChatOptions { MaxOutputTokens = 400 })|};
                    if (response.Text.Contains("DONE"))
                        return response.Text;
                    history.Add(new ChatMessage(ChatRole.Assistant, response.Text));
                }
            }
        }
        """);

    [Fact]
    public Task Reports_for_ever_and_do_while_true() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task ForEver(List<ChatMessage> history)
            {
                for (;;)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history)|};
                    if (response.FinishReason == ChatFinishReason.Stop)
                        break;
                    history.AddMessages(response);
                }
            }

            async Task DoWhileTrue(List<ChatMessage> history)
            {
                do
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history)|};
                    history.AddMessages(response);
                    if (response.Text == "DONE")
                        break;
                }
                while (true);
            }

            async Task<ChatResponse> GoesRoundOnTheAnswer(string question)
            {
                while (true)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(question)|};
                    if (response.Text == "RETRY")
                        continue;
                    return response;
                }
            }

            async Task NoExitAtAll(List<ChatMessage> history)
            {
                while (true)
                    history.AddMessages(await {|PL3002:chat.GetResponseAsync(history)|});
            }
        }
        """);

    [Fact]
    public Task Reports_a_loop_whose_condition_tests_only_the_answer() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task<string> UntilApproved(string draft)
            {
                string verdict;
                do
                {
                    verdict = (await {|PL3002:chat.GetResponseAsync($"Review: {draft}")|}).Text;
                    draft += verdict;
                }
                while (verdict != "APPROVED");
                return draft;
            }

            async Task UntilDone(List<ChatMessage> history)
            {
                var done = false;
                while (!done)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history)|};
                    done = response.Text.EndsWith("DONE", StringComparison.Ordinal);
                    history.AddMessages(response);
                }
            }

            async Task CallInTheCondition(List<ChatMessage> history)
            {
                while ((await {|PL3002:chat.GetResponseAsync(history)|}).Text != "DONE")
                    history.Add(new ChatMessage(ChatRole.User, "Continue."));
            }
        }
        """);

    [Fact]
    public Task Reports_a_loop_bounded_only_by_cancellation_or_the_clock() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task UntilCancelled(List<ChatMessage> history, CancellationToken cancellationToken)
            {
                while (!cancellationToken.IsCancellationRequested)
                    history.AddMessages(await {|PL3002:chat.GetResponseAsync(history, cancellationToken: cancellationToken)|});
            }

            async Task UntilTheStopwatchSays(List<ChatMessage> history)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (watch.Elapsed < TimeSpan.FromMinutes(30))
                    history.AddMessages(await {|PL3002:chat.GetResponseAsync(history)|});
            }

            async Task UntilDeadline(List<ChatMessage> history)
            {
                var deadline = DateTime.UtcNow.AddHours(4);
                while (true)
                {
                    history.AddMessages(await {|PL3002:chat.GetResponseAsync(history)|});
                    if (DateTime.UtcNow > deadline)
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task Reports_a_retry_loop_with_no_limit_on_the_attempts() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            async Task<ChatCompletion> Ask(string question)
            {
                while (true)
                {
                    try
                    {
                        return await {|PL3002:client.CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 300 })|};
                    }
                    catch (System.ClientModel.ClientResultException)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Reports_each_SDK() => Verify("""
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.SemanticKernel;
        using OpenAI.Chat;

        class C(ChatClient openAI, AnthropicClient anthropic, Kernel kernel)
        {
            async Task OpenAI(List<ChatMessage> messages)
            {
                while (true)
                {
                    ChatCompletion completion = await {|PL3002:openAI.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 300 })|};
                    if (completion.FinishReason == ChatFinishReason.Stop)
                        return;
                    messages.Add(new AssistantChatMessage(completion));
                }
            }

            async Task Anthropic(List<MessageParam> messages)
            {
                while (true)
                {
                    var message = await {|PL3002:anthropic.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 300, Messages = messages })|};
                    if (message.StopReason == StopReason.EndTurn)
                        return;
                }
            }

            async Task SemanticKernel(string task)
            {
                while (true)
                {
                    var result = await {|PL3002:kernel.InvokePromptAsync(task)|};
                    if (result.ToString() == "DONE")
                        return;
                }
            }
        }
        """);

    [Fact]
    public Task Reports_a_call_in_a_bounded_loop_nested_in_an_unbounded_one() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task Run(string[] tools, List<ChatMessage> history)
            {
                while (true)
                {
                    foreach (var tool in tools)
                        history.AddMessages(await {|PL3002:chat.GetResponseAsync($"Use {tool}.")|});
                    var last = await {|PL3002:chat.GetResponseAsync(history)|};
                    if (last.Text == "DONE")
                        return;
                }
            }
        }
        """);

    [Fact]
    public Task No_report_for_the_bounded_near_misses() => Verify("""
        using System.Net.Http;
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            const int MaxSteps = 8;

            async Task ForWithACounter(List<ChatMessage> history)
            {
                for (var step = 0; step < MaxSteps; step++)
                {
                    var response = await chat.GetResponseAsync(history);
                    if (response.Text.Contains("DONE"))
                        return;
                    history.AddMessages(response);
                }
            }

            async Task ForEachOverAFiniteCollection(IEnumerable<string> tickets)
            {
                foreach (var ticket in tickets)
                    await chat.GetResponseAsync(ticket);
            }

            async Task AttemptsInTheCondition(string question)
            {
                var attempt = 0;
                while (attempt++ < 3)
                {
                    var response = await chat.GetResponseAsync(question);
                    if (response.Text.Length > 0)
                        return;
                }
            }

            async Task BreaksOnACounter(List<ChatMessage> history)
            {
                var turns = 0;
                while (true)
                {
                    var response = await chat.GetResponseAsync(history);
                    if (response.Text.Contains("DONE") || ++turns >= MaxSteps)
                        break;
                    history.AddMessages(response);
                }
            }

            async Task DecrementingTokenBudget(List<ChatMessage> history)
            {
                long budget = 50_000;
                while (true)
                {
                    var response = await chat.GetResponseAsync(history);
                    budget -= response.Usage?.TotalTokenCount ?? 0;
                    if (budget <= 0 || response.Text.Contains("DONE"))
                        break;
                    history.AddMessages(response);
                }
            }

            async Task FlagSetFromACounter(List<ChatMessage> history)
            {
                var done = false;
                var steps = 0;
                while (!done)
                {
                    var response = await chat.GetResponseAsync(history);
                    steps++;
                    done = response.Text.Contains("DONE") || steps == MaxSteps;
                }
            }

            async Task ThrowsAfterTooManyAttempts(string question)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        await chat.GetResponseAsync(question);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        if (++attempts == 3)
                            throw;
                    }
                }
            }

            async Task CatchFilterCountsTheAttempts(string question)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        await chat.GetResponseAsync(question);
                        return;
                    }
                    catch (HttpRequestException) when (attempts++ < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task No_report_when_something_other_than_the_answer_ends_the_loop() => Verify("""
        using System.IO;
        using System.Threading.Channels;
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task DrainsAQueue(Queue<string> work)
            {
                while (work.Count > 0)
                    await chat.GetResponseAsync(work.Dequeue());
            }

            async Task ReadsAChannel(ChannelReader<string> reader, CancellationToken cancellationToken)
            {
                while (await reader.WaitToReadAsync(cancellationToken))
                {
                    var item = await reader.ReadAsync(cancellationToken);
                    await chat.GetResponseAsync(item, cancellationToken: cancellationToken);
                }
            }

            async Task ReadsLinesUntilTheEnd(TextReader input)
            {
                string? line;
                while ((line = await input.ReadLineAsync()) is not null)
                    await chat.GetResponseAsync(line);
            }

            async Task ChatsUntilThePersonQuits(TextReader input)
            {
                while (true)
                {
                    var question = await input.ReadLineAsync();
                    if (question is null or "quit")
                        break;
                    await chat.GetResponseAsync(question);
                }
            }

            async Task ReadsPromptsFromTheConsole()
            {
                while (true)
                {
                    var question = Console.ReadLine();
                    Console.WriteLine((await chat.GetResponseAsync(question ?? "")).Text);
                }
            }

            async Task PollsOnATimer(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await chat.GetResponseAsync("Summarize the last hour of alerts.", cancellationToken: stoppingToken);
                    await Task.Delay(TimeSpan.FromHours(1), stoppingToken).ConfigureAwait(false);
                }
            }

            async Task WaitsForTicks(PeriodicTimer timer)
            {
                while (await timer.WaitForNextTickAsync())
                    await chat.GetResponseAsync("Anything new?");
            }

            volatile bool _stopping;

            async Task UntilStopped()
            {
                while (!_stopping)
                    await chat.GetResponseAsync("Next step.");
            }

            async IAsyncEnumerable<ChatResponse> Stream(List<ChatMessage> history)
            {
                // The caller decides how many answers to take.
                while (true)
                {
                    var response = await chat.GetResponseAsync(history);
                    history.AddMessages(response);
                    yield return response;
                }
            }

            async Task RunsOnceInADoWhileFalse(string question)
            {
                do
                {
                    var response = await chat.GetResponseAsync(question);
                    if (response.Text.Length == 0)
                        continue;
                }
                while (false);
            }

            async Task<ChatResponse> RunsOnce(string question)
            {
                while (true)
                {
                    var response = await chat.GetResponseAsync(question);
                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task No_report_for_calls_outside_the_loop_or_in_a_lambda() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task Run(string[] questions)
            {
                var plan = await chat.GetResponseAsync("Plan the work.");
                for (var i = 0; i < questions.Length; i++)
                    await chat.GetResponseAsync(questions[i]);

                foreach (var message in (await chat.GetResponseAsync("List the steps.")).Messages)
                {
                }

                while (true)
                {
                    Func<Task<ChatResponse>> later = () => chat.GetResponseAsync("Not run here.");
                    if (plan.Text.Length > 0)
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task No_report_for_a_call_in_a_helper_the_loop_calls() => Verify("""
        using Microsoft.Extensions.AI;

        // Limitation: only the method that holds the call is read, so this runaway loop is not reported.
        class C(IChatClient chat)
        {
            async Task Run(List<ChatMessage> history)
            {
                while (true)
                {
                    var text = await Step(history);
                    if (text.Contains("DONE"))
                        return;
                }
            }

            async Task<string> Step(List<ChatMessage> history) => (await chat.GetResponseAsync(history)).Text;
        }
        """);

    [Fact]
    public Task No_report_when_only_failures_are_counted() => Verify("""
        using System.Net.Http;
        using Microsoft.Extensions.AI;

        // Limitation: the failure counter is taken as a ceiling, though the loop goes on while calls succeed.
        class C(IChatClient chat)
        {
            async Task Run(List<ChatMessage> history)
            {
                var failures = 0;
                while (true)
                {
                    try
                    {
                        if ((await chat.GetResponseAsync(history)).Text.Contains("DONE"))
                            return;
                    }
                    catch (HttpRequestException)
                    {
                        if (++failures == 3)
                            throw;
                    }
                }
            }
        }
        """);

    [Theory]
    [InlineData("c08_retry.cs")]
    [InlineData("c09_agent_loop.cs")]
    public async Task No_analyzer_exception_on_any_truncation_of_the_cases(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cases", "Shared", file));
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
            parseOptions);

        for (var cut = 1; cut < text.Length; cut += Math.Max(1, text.Length / 60))
        {
            var tree = CSharpSyntaxTree.ParseText(text.Substring(0, cut), parseOptions, file);
            var compilation = CSharpCompilation.Create("Truncated", new[] { tree, usings }, SdkReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers([new ReliabilityAnalyzer()], options).GetAllDiagnosticsAsync();

            var crash = diagnostics.FirstOrDefault(static d => d.Id == "AD0001");
            Assert.True(crash is null, $"{file} cut at {cut}: {crash}");
        }
    }

    [Fact]
    public Task Code_with_compile_errors_does_not_break_the_analysis() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task HalfTyped(List<ChatMessage> history)
            {
                while (true)
                {
                    var response = await chat.GetResponseAsync(history{|CS1026:;|}
                    if (response.Text == "DONE")
                        break;
                }
            }

            async Task MissingCondition(List<ChatMessage> history)
            {
                while ({|CS1525:)|}
                {
                    await chat.GetResponseAsync(history);
                }
            }

            async Task HalfTypedGuard(List<ChatMessage> history)
            {
                while (true)
                {
                    var response = await chat.GetResponseAsync(history);
                    if (response.Text == {|CS0103:Done|})
                        break;
                }
            }

            async Task Complete(List<ChatMessage> history)
            {
                var unused = {|CS0103:Undeclared|};
                while (true)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history)|};
                    if (response.Text == "DONE")
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task Reports_with_new_syntax() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            async Task<string> Run(string goal)
            {
                List<ChatMessage> history = [new(ChatRole.User, goal)];
                while (true)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history)|};
                    if (response is { Text: "DONE" or "FINISHED" })
                        return response.Text;
                    history.AddMessages(response);
                }
            }

            async Task Switch(List<ChatMessage> history)
            {
                while (true)
                {
                    var response = await {|PL3002:chat.GetResponseAsync(history)|};
                    switch (response.FinishReason?.Value)
                    {
                        case "stop":
                            return;
                        default:
                            history.AddMessages(response);
                            break;
                    }
                }
            }
        }
        """);

    [Fact]
    public async Task Message_names_the_loop_and_why_nothing_bounds_it()
    {
        var diagnostic = await Single("""
            using Microsoft.Extensions.AI;

            class C(IChatClient chat)
            {
                async Task Run(List<ChatMessage> history)
                {
                    while (true)
                    {
                        var response = await chat.GetResponseAsync(history);
                        if (response.Text.Contains("DONE"))
                            return;
                    }
                }
            }
            """);

        Assert.Equal(
            "This Microsoft.Extensions.AI call is inside 'while (true)' with no iteration or token ceiling: only the model's answer ends it, "
            + "and a model that never gives that answer keeps it running",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("while (!cancellationToken.IsCancellationRequested)", "a 'while' loop", "only cancellation or the clock ends it")]
    [InlineData("for (;;)", "'for (;;)'", "nothing in it ends the loop")]
    public async Task Message_says_what_ends_the_loop(string loop, string described, string reason)
    {
        var diagnostic = await Single($$"""
            using Microsoft.Extensions.AI;

            class C(IChatClient chat)
            {
                async Task Run(List<ChatMessage> history, CancellationToken cancellationToken)
                {
                    {{loop}}
                        history.AddMessages(await chat.GetResponseAsync(history, cancellationToken: cancellationToken));
                }
            }
            """);

        Assert.Contains($"is inside {described} with", diagnostic.GetMessage());
        Assert.Contains(reason, diagnostic.GetMessage());
    }

    [Fact]
    public Task Reports_Responses_and_Azure_OpenAI_calls() => Verify("""
        #pragma warning disable OPENAI001
        using Azure.AI.OpenAI;
        using OpenAI.Chat;
        using OpenAI.Responses;

        class C(ResponsesClient responses, AzureOpenAIClient azure)
        {
            async Task Responses(List<ResponseItem> items)
            {
                while (true)
                {
                    ResponseResult result = await {|PL3002:responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", items) { MaxOutputTokenCount = 300 })|};
                    if (result.GetOutputText() == "DONE")
                        return;
                }
            }

            async Task Azure(List<ChatMessage> messages)
            {
                for (;;)
                {
                    ChatCompletion completion = await {|PL3002:azure.GetChatClient("agent").CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 300 })|};
                    if (completion.FinishReason == ChatFinishReason.Stop)
                        return;
                }
            }
        }
        """);

    [Fact]
    public Task Reports_a_raw_request_in_while_true_and_not_in_a_bounded_loop() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class Agent(HttpClient http)
        {
            async Task Run(string goal)
            {
                while (true)
                {
                    var response = await {|PL3002:http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 200, messages = new[] { new { role = "user", content = goal } } })|};
                    var text = await response.Content.ReadAsStringAsync();
                    if (text.Contains("DONE"))
                        break;
                }

                for (var step = 0; step < 5; step++)
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 200, messages = new[] { new { role = "user", content = goal } } });
            }
        }
        """);

    [Fact]
    public Task Reports_a_Betalgo_call_in_while_true_and_not_in_a_bounded_loop() => Verify("""
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class Agent(IOpenAIService service)
        {
            async Task Run(string goal)
            {
                var request = new ChatCompletionCreateRequest { Model = "gpt-4o-mini", MaxTokens = 400, Messages = [ChatMessage.FromUser(goal)] };
                while (true)
                {
                    var response = await {|PL3002:service.ChatCompletion.CreateCompletion(request)|};
                    if (response.Choices.First().Message.Content == "DONE")
                        return;
                }
            }

            async Task Bounded(string goal)
            {
                var request = new ChatCompletionCreateRequest { Model = "gpt-4o-mini", MaxTokens = 400, Messages = [ChatMessage.FromUser(goal)] };
                for (var step = 0; step < 5; step++)
                    await service.ChatCompletion.CreateCompletion(request);
            }
        }
        """);
}
