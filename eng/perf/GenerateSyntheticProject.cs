// Writes two copies of a synthetic project, one with PromptLint and one without, for build-time comparisons.
// Usage: dotnet run eng/perf/GenerateSyntheticProject.cs -- <output folder> [files=1000] [callSites=300]
using System.Text;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : "artifacts/perf");
var files = args.Length > 1 ? int.Parse(args[1]) : 1000;
var callSites = args.Length > 2 ? int.Parse(args[2]) : 300;
var repoRoot = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var version = System.Xml.Linq.XDocument.Load(Path.Combine(repoRoot, "eng", "Version.props")).Descendants("PromptLintVersion").Single().Value;

var random = new Random(20261203);
var words = "order refund ticket customer invoice shipping warranty account backup restore plan escalate policy reply summary".Split(' ');

foreach (var (name, withPromptLint) in new[] { ("with", true), ("without", false) })
{
    var folder = Path.Combine(output, name);
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    Directory.CreateDirectory(folder);

    // Stop MSBuild from walking up into a repository's Directory.Build.* files.
    File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
    File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
    File.WriteAllText(Path.Combine(folder, "Synthetic.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);NU1603;PL1001;OPENAI001</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="OpenAI" Version="2.15.0" />
            <PackageReference Include="Anthropic" Version="13.15.0" />
            <PackageReference Include="Microsoft.Extensions.AI" Version="11.0.0" />
            <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="11.0.0" />
            {(withPromptLint ? $"""<PackageReference Include="PromptLint" Version="{version}" />""" : "")}
          </ItemGroup>
        </Project>
        """);
    File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config><add key="globalPackagesFolder" value="{Path.Combine(output, "packages")}" /></config>
          <packageSources><add key="promptlint-local" value="{Path.Combine(repoRoot, "artifacts", "local-feed")}" /></packageSources>
        </configuration>
        """);

    var generator = new Random(20261203);
    var callEvery = Math.Max(1, files / Math.Max(1, callSites));
    var written = 0;
    for (var i = 0; i < files; i++)
    {
        var withCall = written < callSites && i % callEvery == 0;
        File.WriteAllText(Path.Combine(folder, $"Feature{i:D4}.cs"), Source(i, withCall ? written++ : -1, generator));
    }
}

Console.WriteLine($"Wrote {files} files with {callSites} call sites to {output}/with and {output}/without");

string Source(int index, int callSite, Random generator)
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

    if (callSite >= 0)
        code.Append(Call(callSite, generator));

    code.AppendLine("}");
    return code.ToString();
}

string Call(int callSite, Random generator)
{
    // Prompts from about 100 to about 20,000 tokens (about one token a word), most of them short: about 5 MB of
    // text for 300 call sites, under the 16 MB that one assembly's string literals may take.
    var wordsInPrompt = 100 + (int)(19_900 * Math.Pow(generator.NextDouble(), 7));
    var prompt = string.Join(' ', Enumerable.Range(0, wordsInPrompt).Select(_ => words[generator.Next(words.Length)]));
    var constant = $"    private const string Prompt = \"{prompt}\";\n\n";
    return (callSite % 3) switch
    {
        0 => constant + """
                public async Task<string> AskAsync(OpenAI.Chat.ChatClient client, string question)
                {
                    var result = await client.CompleteChatAsync(
                        [new OpenAI.Chat.SystemChatMessage(Prompt), new OpenAI.Chat.UserChatMessage(question)],
                        new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 400 });
                    return result.Value.Content[0].Text;
                }

            """,
        1 => constant + """
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
        _ => constant + """
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
