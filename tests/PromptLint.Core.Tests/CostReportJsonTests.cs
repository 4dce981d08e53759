using System.Text.Json;
using PromptLint.Core.Reports;

namespace PromptLint.Core.Tests;

public sealed class CostReportJsonTests
{
    private static string Normalized(string text) => text.Replace("\r\n", "\n");

    [Fact]
    public void Reads_back_every_field_it_wrote()
    {
        var report = SampleReports.AllKinds();

        var read = CostReportJson.Read(CostReportJson.Write(report));

        Assert.Equal("SupportBot", read.Project);
        Assert.Equal("built-in", read.CatalogSource);
        Assert.Equal("2026-12-03", read.CatalogAsOf);
        Assert.Equal("2026-07-18", read.PriceDataAsOf);
        Assert.Equal(4, read.CallSites.Count);
        for (var i = 0; i < report.CallSites.Count; i++)
            Assert.Equivalent(report.CallSites[i], read.CallSites[i], strict: true);
    }

    [Fact]
    public void Reads_back_null_model_cap_and_costs_as_null()
    {
        var read = CostReportJson.Read(CostReportJson.Write(SampleReports.Of(SampleReports.NoModel(), SampleReports.Legacy())));

        Assert.Null(read.CallSites[0].Model);
        Assert.Equal("none", read.CallSites[0].ModelSource);
        Assert.Equal(200, read.CallSites[0].OutputCap);
        Assert.Null(read.CallSites[1].OutputCap);
        Assert.Null(read.CallSites[1].CostPerCall);
        Assert.Null(read.CallSites[1].CostPerCallWarmCache);
    }

    [Fact]
    public void Writes_the_same_bytes_for_the_same_report()
    {
        var first = CostReportJson.Write(SampleReports.AllKinds());
        var second = CostReportJson.Write(SampleReports.AllKinds());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Writes_the_same_bytes_after_a_read_and_write_round_trip()
    {
        var written = CostReportJson.Write(SampleReports.AllKinds());

        var rewritten = CostReportJson.Write(CostReportJson.Read(written));

        Assert.Equal(written, rewritten);
    }

    [Fact]
    public void Writes_a_report_in_the_documented_layout()
    {
        var json = CostReportJson.Write(SampleReports.Of(SampleReports.Triage()), SampleReports.RelativeToRoot);

        Assert.Equal("""
            {
              "schemaVersion": 3,
              "project": "SupportBot",
              "catalog": {
                "source": "built-in",
                "asOf": "2026-12-03",
                "priceDataAsOf": "2026-07-18"
              },
              "totals": {
                "callSites": 1,
                "unpricedCallSites": 0,
                "costPerRequestSet": 0.01125,
                "costPerRequestSetWarmCache": 0.01125,
                "callSitesWithoutTraffic": 1,
                "monthlyCost": 0,
                "monthlyCostCached": 0
              },
              "comparison": null,
              "callSites": [
                {
                  "file": "src/SupportBot/Triage.cs",
                  "line": 18,
                  "column": 9,
                  "member": "SupportBot.Triage.ClassifyAsync(Ticket)",
                  "ordinal": 1,
                  "sdk": "Anthropic",
                  "method": "Messages.Create",
                  "model": "claude-sonnet-4-5",
                  "modelSource": "client",
                  "modelKnown": true,
                  "deployment": null,
                  "staticInputTokens": 2350,
                  "dynamicSegments": 0,
                  "assumedDynamicTokens": 0,
                  "dynamicTokensSource": "none",
                  "prefixTokens": 0,
                  "outputCap": 280,
                  "outputTokens": 280,
                  "outputAssumed": false,
                  "tokensApproximate": true,
                  "costPerCall": 0.01125,
                  "costPerCallWarmCache": 0.01125,
                  "cacheHitRate": 0,
                  "costPerCallCached": null,
                  "cheapestModel": null,
                  "costPerCallCheapest": null,
                  "callsPerMonth": null,
                  "trafficSource": "none",
                  "monthlyCost": null,
                  "monthlyCostCached": null,
                  "monthlyCostCheapest": null
                }
              ]
            }
            """, Normalized(json));
    }

    [Fact]
    public void Writes_missing_model_cap_and_costs_as_json_null()
    {
        var json = CostReportJson.Write(SampleReports.Of(SampleReports.Legacy(), SampleReports.NoModel()));

        using var document = JsonDocument.Parse(json);
        var sites = document.RootElement.GetProperty("callSites");
        Assert.Equal(JsonValueKind.Null, sites[0].GetProperty("outputCap").ValueKind);
        Assert.Equal(JsonValueKind.Null, sites[0].GetProperty("costPerCall").ValueKind);
        Assert.Equal(JsonValueKind.Null, sites[0].GetProperty("costPerCallWarmCache").ValueKind);
        Assert.Equal(JsonValueKind.Null, sites[1].GetProperty("model").ValueKind);
        Assert.Equal(JsonValueKind.Null, sites[1].GetProperty("costPerCall").ValueKind);
    }

    [Fact]
    public void Writes_totals_over_the_priced_call_sites()
    {
        var json = CostReportJson.Write(SampleReports.AllKinds());

        using var document = JsonDocument.Parse(json);
        var totals = document.RootElement.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("callSites").GetInt32());
        Assert.Equal(2, totals.GetProperty("unpricedCallSites").GetInt32());
        Assert.Equal(0.02545m, totals.GetProperty("costPerRequestSet").GetDecimal()); // 0.0142 + 0.01125
        Assert.Equal(0.02162125m, totals.GetProperty("costPerRequestSetWarmCache").GetDecimal()); // 0.01037125 + 0.01125
    }

    [Fact]
    public void Keeps_call_sites_in_the_order_given()
    {
        var report = SampleReports.Of(SampleReports.Triage(), SampleReports.NoModel(), SampleReports.AnswerWriter());

        var read = CostReportJson.Read(CostReportJson.Write(report));

        Assert.Equal(
            new[] { "Triage.cs", "Summaries.cs", "AnswerWriter.cs" },
            read.CallSites.Select(static c => Path.GetFileName(c.File)));
    }

    [Fact]
    public void Rounds_costs_to_eight_decimals()
    {
        var site = SampleReports.AnswerWriter();
        site.CostPerCall = 0.012345674999m;
        site.CostPerCallWarmCache = 0.000000005m;

        var read = CostReportJson.Read(CostReportJson.Write(SampleReports.Of(site)));

        Assert.Equal(0.01234567m, read.CallSites[0].CostPerCall);
        Assert.Equal(0.00000001m, read.CallSites[0].CostPerCallWarmCache); // half away from zero
    }

    [Fact]
    public void Writes_costs_without_trailing_zeros()
    {
        var site = SampleReports.AnswerWriter();
        site.CostPerCall = 0.01420000m;
        site.CallsPerMonth = 100_000;

        var json = CostReportJson.Write(SampleReports.Of(site));

        Assert.Contains("\"costPerCall\": 0.0142,", json);
        Assert.Contains("\"monthlyCost\": 1420,", json); // 100,000 x $0.0142, not 1420.00000000
    }

    [Fact]
    public void Writes_file_paths_through_the_display_path_function()
    {
        var json = CostReportJson.Write(SampleReports.Of(SampleReports.AnswerWriter()), SampleReports.RelativeToRoot);

        var read = CostReportJson.Read(json);

        Assert.Equal("src/SupportBot/AnswerWriter.cs", read.CallSites[0].File);
    }

    [Fact]
    public void Writes_non_ascii_text_unescaped()
    {
        var site = SampleReports.AnswerWriter();
        site.File = "/repo/src/Réponses/Résumé.cs";

        var json = CostReportJson.Write(SampleReports.Of(site));

        Assert.Contains("\"file\": \"/repo/src/Réponses/Résumé.cs\"", json);
    }

    [Fact]
    public void Writes_an_empty_report()
    {
        var read = CostReportJson.Read(CostReportJson.Write(SampleReports.Of()));

        Assert.Empty(read.CallSites);
        Assert.Equal("SupportBot", read.Project);
    }

    [Fact]
    public void Rejects_another_schema_version()
    {
        var json = CostReportJson.Write(SampleReports.Of()).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 4");

        var error = Assert.Throws<JsonException>(() => CostReportJson.Read(json));

        Assert.Equal("schemaVersion 4 is not supported; this PromptLint reads version 3.", error.Message);
    }

    [Fact]
    public void Writes_the_prompt_text_only_when_the_record_has_it()
    {
        var site = SampleReports.AnswerWriter();
        site.PromptText = "You answer support tickets.";

        var json = CostReportJson.Write(SampleReports.Of(site, SampleReports.Triage()));

        using var document = JsonDocument.Parse(json);
        var sites = document.RootElement.GetProperty("callSites");
        Assert.Equal("You answer support tickets.", sites[0].GetProperty("promptText").GetString());
        Assert.False(sites[1].TryGetProperty("promptText", out _));
        Assert.Equal("You answer support tickets.", CostReportJson.Read(json).CallSites[0].PromptText);
    }

    [Fact]
    public void Writes_monthly_figures_of_call_sites_with_traffic_and_their_totals()
    {
        var json = CostReportJson.Write(SampleReports.WithTraffic());

        using var document = JsonDocument.Parse(json);
        var totals = document.RootElement.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("callSitesWithoutTraffic").GetInt32());
        Assert.Equal(4_232.50m, totals.GetProperty("monthlyCost").GetDecimal()); // 100,000 x $0.0142 + 250,000 x $0.01125
        Assert.Equal(3_926.20m, totals.GetProperty("monthlyCostCached").GetDecimal()); // 100,000 x $0.011137 + 250,000 x $0.01125
        var answer = document.RootElement.GetProperty("callSites")[0];
        Assert.Equal(100_000, answer.GetProperty("callsPerMonth").GetInt64());
        Assert.Equal("project", answer.GetProperty("trafficSource").GetString());
        Assert.Equal(85.20m, answer.GetProperty("monthlyCostCheapest").GetDecimal()); // 100,000 x $0.000852
    }

    [Fact]
    public void Writes_and_reads_back_a_comparison_with_the_same_bytes()
    {
        var report = SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage());
        var baseline = SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Legacy());
        baseline.CallSites[0].StaticInputTokens = 2_000;
        baseline.CallSites[0].CostPerCall = 0.01m;
        report.Comparison = CostComparison.Compare(baseline, report, "baseline/promptlint-costs.json");

        var written = CostReportJson.Write(report);
        var read = CostReportJson.Read(written);

        Assert.Equal(written, CostReportJson.Write(read));
        Assert.Equivalent(report.Comparison, read.Comparison, strict: true);
    }

    [Fact]
    public void Writes_a_comparison_in_the_documented_layout()
    {
        var before = SampleReports.Triage();
        var after = SampleReports.Triage();
        after.StaticInputTokens = 3_140;
        after.CostPerCall = 0.01362m; // 3,140 x $3/1M + 280 x $15/1M = $0.00942 + $0.0042
        var report = SampleReports.Of(after);
        report.Comparison = CostComparison.Compare(SampleReports.Of(before, SampleReports.Legacy()), report, "baseline.json");

        var json = Normalized(CostReportJson.Write(report, SampleReports.RelativeToRoot));

        var start = json.IndexOf("  \"comparison\"", StringComparison.Ordinal);
        var end = json.IndexOf("  \"callSites\": [", start, StringComparison.Ordinal);
        Assert.Equal("""
              "comparison": {
                "baseline": "baseline.json",
                "before": {
                  "callSites": 2,
                  "costPerRequestSet": 0.01125,
                  "monthlyCost": 0
                },
                "after": {
                  "callSites": 1,
                  "costPerRequestSet": 0.01362,
                  "monthlyCost": 0
                },
                "unchangedCallSites": 0,
                "changedCallSites": [
                  {
                    "member": "SupportBot.Triage.ClassifyAsync(Ticket)",
                    "ordinal": 1,
                    "file": "src/SupportBot/Triage.cs",
                    "line": 18,
                    "before": {
                      "model": "claude-sonnet-4-5",
                      "inputTokens": 2350,
                      "outputTokens": 280,
                      "costPerCall": 0.01125,
                      "callsPerMonth": null,
                      "monthlyCost": null
                    },
                    "after": {
                      "model": "claude-sonnet-4-5",
                      "inputTokens": 3140,
                      "outputTokens": 280,
                      "costPerCall": 0.01362,
                      "callsPerMonth": null,
                      "monthlyCost": null
                    }
                  }
                ],
                "newCallSites": [],
                "removedCallSites": [
                  {
                    "member": "SupportBot.Legacy.Run()",
                    "ordinal": 2,
                    "file": "src/SupportBot/Legacy.cs",
                    "line": 7,
                    "before": {
                      "model": "my-gpt4o-deployment",
                      "inputTokens": 1120,
                      "outputTokens": 800,
                      "costPerCall": null,
                      "callsPerMonth": null,
                      "monthlyCost": null
                    },
                    "after": null
                  }
                ]
              },

            """, json[start..end]);
    }

    [Theory]
    [InlineData("callSites")]
    [InlineData("catalog")]
    [InlineData("project")]
    public void Names_a_missing_field_in_the_exception(string field)
    {
        var json = CostReportJson.Write(SampleReports.Of()).Replace($"\"{field}\"", "\"renamed\"");

        var error = Assert.Throws<JsonException>(() => CostReportJson.Read(json));

        Assert.Equal($"'{field}' is missing", error.Message);
    }

    [Fact]
    public void Throws_a_json_exception_on_malformed_text()
    {
        Assert.ThrowsAny<JsonException>(() => CostReportJson.Read("{ \"schemaVersion\": 3, "));
    }
}
