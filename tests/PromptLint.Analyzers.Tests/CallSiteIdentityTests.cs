using PromptLint.Analyzers.Rules.Cost;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// The identity the report gives a call site (member with its namespace, and the call's ordinal in that member) does
/// not depend on file names, on the order of files or on the order of namespaces in a file.
/// </summary>
public sealed class CallSiteIdentityTests
{
    private static string Writer(string ns, string model, int calls = 1) => $$"""
        namespace {{ns}}
        {
            using OpenAI.Chat;

            class Writer
            {
                async Task Run(string key)
                {
                    var client = new ChatClient("{{model}}", key);
        {{string.Concat(Enumerable.Repeat("            await client.CompleteChatAsync([new UserChatMessage(\"Write the note.\")]);\n", calls))}}
                }
            }
        }
        """;

    private static async Task<List<CallSiteRecord>> Records(params (string Path, string Source)[] files)
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        await new AnalyzerRunner().WithGlobalOption("build_property.PromptLintCallSiteLog", log).RunAsync<CostAnalyzer>(files);
        var text = File.ReadAllText(log);
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
        return CostReportJson.Read(text).CallSites;
    }

    private static List<string> Identities(IEnumerable<CallSiteRecord> records) =>
        records.Select(CallSiteOrder.Identity).OrderBy(static i => i, StringComparer.Ordinal).ToList();

    [Fact]
    public void Identity_is_the_member_with_its_namespace_and_the_ordinal()
    {
        var site = new CallSiteRecord { Member = "Alpha.Billing.Writer.Run(string)", Ordinal = 2 };

        Assert.Equal("Alpha.Billing.Writer.Run(string)#2", CallSiteOrder.Identity(site));
    }

    [Fact]
    public async Task Same_named_types_in_two_namespaces_keep_their_namespace_and_each_count_from_one()
    {
        var records = await Records(
            ("/src/Writers.cs", Writer("Alpha.Billing", "gpt-4o")),
            ("/src/ShippingWriter.cs", Writer("Alpha.Shipping", "gpt-4o-mini")));

        Assert.Equal(
            new[] { ("Alpha.Billing.Writer.Run(string)", 1, "gpt-4o"), ("Alpha.Shipping.Writer.Run(string)", 1, "gpt-4o-mini") },
            records.Select(static r => (r.Member, r.Ordinal, r.Model!)).OrderBy(static r => r.Member, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Renaming_a_file_does_not_change_any_identity()
    {
        var before = await Records(
            ("/src/Writers.cs", Writer("Alpha.Billing", "gpt-4o")),
            ("/src/ShippingWriter.cs", Writer("Alpha.Shipping", "gpt-4o-mini")));
        var after = await Records(
            ("/src/Writers.cs", Writer("Alpha.Billing", "gpt-4o")),
            ("/src/ZShippingWriter.cs", Writer("Alpha.Shipping", "gpt-4o-mini")));

        Assert.Equal(Identities(before), Identities(after));
        var comparison = CostComparison.Compare(Report(before), Report(after), "baseline.json");
        Assert.False(comparison.HasChanges);
        Assert.Equal(2, comparison.UnchangedCallSites);
    }

    [Fact]
    public async Task Swapping_two_namespace_blocks_in_one_file_does_not_change_any_identity()
    {
        var before = await Records(("/src/Writers.cs", Writer("Alpha.Billing", "gpt-4o") + "\n" + Writer("Alpha.Shipping", "gpt-4o-mini")));
        var after = await Records(("/src/Writers.cs", Writer("Alpha.Shipping", "gpt-4o-mini") + "\n" + Writer("Alpha.Billing", "gpt-4o")));

        var comparison = CostComparison.Compare(Report(before), Report(after), "baseline.json");
        Assert.False(comparison.HasChanges);
        Assert.Equal(2, comparison.UnchangedCallSites);
    }

    [Fact]
    public async Task The_ordinal_counts_the_calls_of_one_member_in_source_order()
    {
        var records = await Records(
            ("/src/A.cs", Writer("Alpha.Billing", "gpt-4o", calls: 2)),
            ("/src/B.cs", Writer("Alpha.Shipping", "gpt-4o-mini", calls: 1)));

        Assert.Equal(
            new[] { "Alpha.Billing.Writer.Run(string)#1", "Alpha.Billing.Writer.Run(string)#2", "Alpha.Shipping.Writer.Run(string)#1" },
            Identities(records));
        var billing = records.Where(static r => r.Member.StartsWith("Alpha.Billing.", StringComparison.Ordinal)).ToList();
        Assert.True(billing.Single(static r => r.Ordinal == 1).Line < billing.Single(static r => r.Ordinal == 2).Line);
    }

    [Fact]
    public async Task A_type_in_the_global_namespace_is_named_without_a_prefix()
    {
        var source = """
            using OpenAI.Chat;

            class Writer
            {
                async Task Run(string key) =>
                    await new ChatClient("gpt-4o", key).CompleteChatAsync([new UserChatMessage("Write the note.")]);
            }
            """;

        var record = Assert.Single(await Records(("/src/Writer.cs", source)));

        Assert.Equal("Writer.Run(string)", record.Member);
    }

    private static CostReport Report(List<CallSiteRecord> callSites) => new() { Project = "Alpha", CallSites = callSites };
}
