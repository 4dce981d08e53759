// The C# files of the synthetic projects used to measure PromptLint's cost. Shared by the project generator
// (GenerateSyntheticProject.cs, which writes them to disk) and the benchmarks (which compile them in memory), so both
// measure the same code.
using System.Text;

namespace PromptLint.Perf;

/// <summary>One generated source file; <see cref="Prompt"/> is the prompt constant it holds, if any.</summary>
public sealed record SyntheticFile(string Name, string Text, string? Prompt);

public static class SyntheticSources
{
    /// <summary>The usings that <c>ImplicitUsings</c> gives a console or library project, for in-memory compilations.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;

        """;

    private const int Seed = 20261203;

    private static readonly string[] s_words =
        "order refund ticket customer invoice shipping warranty account backup restore plan escalate policy reply summary".Split(' ');

    /// <summary>
    /// The files of a project of <paramref name="files"/> classes, <paramref name="callSites"/> of which hold an LLM call
    /// (OpenAI, Anthropic and Microsoft.Extensions.AI in turn) with a constant prompt of about 100 to 20,000 tokens.
    /// With <paramref name="withSdk"/> false the same prompts are kept but no SDK is called, for a project that
    /// references no LLM SDK. The same arguments always give the same files.
    /// </summary>
    public static IReadOnlyList<SyntheticFile> Generate(int files, int callSites, bool withSdk = true)
    {
        var generator = new Random(Seed);
        var callEvery = Math.Max(1, files / Math.Max(1, callSites));
        var written = 0;
        var result = new List<SyntheticFile>(files);
        for (var i = 0; i < files; i++)
        {
            var withCall = written < callSites && i % callEvery == 0;
            result.Add(Source(i, withCall ? written++ : -1, generator, withSdk));
        }

        return result;
    }

    private static SyntheticFile Source(int index, int callSite, Random generator, bool withSdk)
    {
        var code = new StringBuilder();
        code.AppendLine("namespace Synthetic;");
        code.AppendLine();
        code.AppendLine($"public sealed class Feature{index:D4}");
        code.AppendLine("{");
        for (var m = 0; m < 8; m++)
        {
            code.AppendLine($"    public int Compute{m}(int[] values)");
            code.AppendLine("    {");
            code.AppendLine("        var total = 0;");
            code.AppendLine($"        foreach (var value in values) total += value * {m + 1} % {generator.Next(3, 97)};");
            code.AppendLine($"        return total > {generator.Next(100)} ? total : values.Length;");
            code.AppendLine("    }");
            code.AppendLine();
        }

        string? prompt = null;
        if (callSite >= 0)
        {
            prompt = Prompt(generator);
            code.Append($"    private const string Prompt = \"{prompt}\";\n\n");
            code.Append(withSdk ? Call(callSite) : NoCall);
        }

        code.AppendLine("}");
        return new SyntheticFile($"Feature{index:D4}.cs", code.ToString(), prompt);
    }

    // Prompts from about 100 to about 20,000 tokens (about one token a word), most of them short: about 5 MB of text
    // for 300 call sites, under the 16 MB that one assembly's string literals may take.
    private static string Prompt(Random generator)
    {
        var wordsInPrompt = 100 + (int)(19_900 * Math.Pow(generator.NextDouble(), 7));
        return string.Join(' ', Enumerable.Range(0, wordsInPrompt).Select(_ => s_words[generator.Next(s_words.Length)]));
    }

    private const string NoCall = """
            public string Ask(string question) => Prompt.Length > question.Length ? Prompt : question;

        """;

    private static string Call(int callSite) => (callSite % 3) switch
    {
        0 => """
                public async Task<string> AskAsync(OpenAI.Chat.ChatClient client, string question)
                {
                    var result = await client.CompleteChatAsync(
                        [new OpenAI.Chat.SystemChatMessage(Prompt), new OpenAI.Chat.UserChatMessage(question)],
                        new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 400 });
                    return result.Value.Content[0].Text;
                }

            """,
        1 => """
                public async Task<string> AskAsync(Anthropic.AnthropicClient client, string question)
                {
                    var message = await client.Messages.Create(new Anthropic.Models.Messages.MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 400,
                        System = Prompt,
                        Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = question }],
                    });
                    return message.ToString();
                }

            """,
        _ => """
                public async Task<string> AskAsync(Microsoft.Extensions.AI.IChatClient chat, string question)
                {
                    var response = await chat.GetResponseAsync(
                        [new(Microsoft.Extensions.AI.ChatRole.System, Prompt), new(Microsoft.Extensions.AI.ChatRole.User, question)],
                        new Microsoft.Extensions.AI.ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 400 });
                    return response.Text;
                }

            """,
    };
}
