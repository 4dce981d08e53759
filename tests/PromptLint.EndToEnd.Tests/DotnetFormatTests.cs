namespace PromptLint.EndToEnd.Tests;

/// <summary>The code fixes through the real <c>dotnet format</c>, as a team would run them in CI.</summary>
[Collection(PackageCollection.Name)]
public sealed class DotnetFormatTests(PackageFixture package)
{
    private const string PromptFile = "Prompts.cs";

    private static readonly string s_policy = string.Join(" ", Enumerable.Repeat("Check the order number before answering and never promise refunds.", 60));

    private static string Source => $$"""
        using OpenAI.Chat;

        namespace Consumer;

        public sealed class Support(ChatClient client)
        {
            private const string Policy = "{{s_policy}}";

            public async Task<string> AnswerAsync(string question)
            {
                var system = $"Current time: {DateTime.UtcNow:O}\n{Policy}";
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 300 };
                var result = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)], options);
                return result.Value.Content[0].Text;
            }
        }
        """;

    [Fact]
    public async Task Dotnet_format_applies_the_PL2001_fix_and_the_build_no_longer_reports_it()
    {
        var project = package.CreateProject("FormatPL2001", new Dictionary<string, string> { [PromptFile] = Source });
        var before = await project.BuildAsync();
        before.AssertSucceeded();
        Assert.Single(BuildOutput.Diagnostics(before.Output, "PL2001"));

        var format = await Dotnet.RunAsync(project.Directory, TimeSpan.FromMinutes(3),
            "format", "analyzers", "--diagnostics", "PL2001", "--severity", "warn", "--no-restore", "-v", "diag");

        format.AssertSucceeded();
        var text = File.ReadAllText(project.PathOf(PromptFile));
        Assert.Contains("var system = $\"{Policy}\\nCurrent time: {DateTime.UtcNow:O}\";", text, StringComparison.Ordinal);

        var after = await project.BuildAsync();
        after.AssertSucceeded();
        Assert.Empty(BuildOutput.Diagnostics(after.Output, "PL2001"));
    }
}
