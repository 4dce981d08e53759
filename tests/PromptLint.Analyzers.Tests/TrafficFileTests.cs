using PromptLint.Analyzers.Configuration;

namespace PromptLint.Analyzers.Tests;

/// <summary>Reading promptlint.json: what is taken, and one problem with its place for everything that is not.</summary>
public sealed class TrafficFileTests
{
    private const string Path = "/src/promptlint.json";

    [Fact]
    public void Reads_defaults_and_entries_keyed_by_member_overload_and_call_site()
    {
        var file = TrafficFile.Parse("""
            {
              // Comments and trailing commas are allowed.
              "defaults": { "callsPerMonth": 1000, "dynamicTokens": 150, "outputTokens": 400, "cacheHitRate": 0.8 },
              "callSites": {
                "SupportBot.AnswerWriter.WriteAsync": { "callsPerMonth": 250000, "dynamicParts": { "articles": 3200, "$question": 80 } },
                "Triage.ClassifyAsync(string, CancellationToken)#2": { "cacheHitRate": 0, "outputTokens": 16, },
              },
            }
            """, Path);

        Assert.Empty(file.Problems);
        var defaults = file.Defaults!;
        Assert.True(defaults.IsDefaults);
        Assert.Equal(1000, defaults.CallsPerMonth);
        Assert.Equal(150, defaults.DynamicTokens);
        Assert.Equal(400, defaults.OutputTokens);
        Assert.Equal(0.8m, defaults.CacheHitRate);

        Assert.Equal(2, file.Entries.Count);
        var writer = file.Entries[0];
        Assert.Equal("SupportBot.AnswerWriter.WriteAsync", writer.MemberKey);
        Assert.Null(writer.Ordinal);
        Assert.False(writer.HasParameters);
        Assert.Equal(250_000, writer.CallsPerMonth);
        Assert.Null(writer.DynamicTokens);
        Assert.Equal(3200, writer.Parts["articles"].Tokens);
        Assert.Equal(80, writer.Parts["question"].Tokens);

        var classify = file.Entries[1];
        Assert.Equal("Triage.ClassifyAsync(string,CancellationToken)", classify.MemberKey);
        Assert.True(classify.HasParameters);
        Assert.Equal(2, classify.Ordinal);
        Assert.Equal(0m, classify.CacheHitRate);
        Assert.Equal(16, classify.OutputTokens);
        // Zero-based, as the compiler's positions are: the key on the file's sixth line, after four spaces.
        Assert.Equal(5, classify.Place.Line);
        Assert.Equal(4, classify.Place.Column);
    }

    [Fact]
    public void Says_a_number_is_too_large_rather_than_not_whole()
    {
        var file = TrafficFile.Parse("""
            {
              "callSites": {
                "A.Run": { "callsPerMonth": 99999999999999999999, "outputTokens": 3000000000 },
                "A.Far": { "callsPerMonth": 1e400 }
              }
            }
            """, Path);

        Assert.Equal(
        [
            "'callsPerMonth' of the entry 'A.Run' is too large: it must be at most 9,223,372,036,854,775,807, but is 99999999999999999999",
            "'outputTokens' of the entry 'A.Run' is too large: it must be at most 2,147,483,647, but is 3000000000",
            "'callsPerMonth' of the entry 'A.Far' is too large: it must be at most 9,223,372,036,854,775,807, but is 1e400",
        ],
            file.Problems.Select(static p => p.Message));
        Assert.Null(file.Entries[0].CallsPerMonth);
    }

    [Fact]
    public void Asks_for_a_whole_number_written_with_an_exponent_to_be_written_out()
    {
        var file = TrafficFile.Parse("""
            { "callSites": { "A.Run": { "callsPerMonth": 1e3, "dynamicTokens": 2.5E1, "outputTokens": 1.5e0 } } }
            """, Path);

        Assert.Equal(
        [
            "'callsPerMonth' of the entry 'A.Run' must be written as a plain whole number (1000, not 1e3)",
            "'dynamicTokens' of the entry 'A.Run' must be written as a plain whole number (25, not 2.5E1)",
            "'outputTokens' of the entry 'A.Run' must be a whole number above zero, but is 1.5e0",
        ],
            file.Problems.Select(static p => p.Message));
    }

    [Fact]
    public void Reports_each_bad_value_at_its_line_and_keeps_the_good_ones()
    {
        var file = TrafficFile.Parse("""
            {
              "defaults": { "callsPerMonth": -5, "cacheHitRate": 1.5, "dynamicTokens": 120 },
              "callSites": {
                "A.Run": { "callsPerMonth": "lots", "outputTokens": 0, "retrievedTokens": 3200, "cacheHitRate": 0.25 },
                "A.Other": 12,
                "A.Third": { "dynamicParts": { "docs": 2.5 }, "callsPerMonth": 10.5 }
              },
              "budgets": {}
            }
            """, Path);

        Assert.Equal(
        [
            (1, "'callsPerMonth' of 'defaults' must be a whole number of zero or more, but is -5"),
            (1, "'cacheHitRate' of 'defaults' must be a number from 0 to 1 (0.8 is 80% of requests served from the cache), but is 1.5"),
            (3, "'callsPerMonth' of the entry 'A.Run' must be a whole number of zero or more, but is the string \"lots\""),
            (3, "'outputTokens' of the entry 'A.Run' must be a whole number above zero, but is 0"),
            (3, "'retrievedTokens' is not a key PromptLint knows in the entry 'A.Run' (it knows callsPerMonth, dynamicTokens, dynamicParts, outputTokens, cacheHitRate)"),
            (4, "the entry 'A.Other' must be an object, but is 12"),
            (5, "the dynamic part 'docs' of the entry 'A.Third' must be a whole number of zero or more, but is 2.5"),
            (5, "'callsPerMonth' of the entry 'A.Third' must be a whole number of zero or more, but is 10.5"),
            (7, "'budgets' is not a key PromptLint knows at the top level (it knows defaults and callSites)"),
        ],
            file.Problems.Select(static p => (p.Place!.Value.Line, p.Message)));

        Assert.Equal(120, file.Defaults!.DynamicTokens);
        Assert.Null(file.Defaults.CallsPerMonth);
        Assert.Null(file.Defaults.CacheHitRate);
        var run = Assert.Single(file.Entries, static e => e.Key == "A.Run");
        Assert.Equal(0.25m, run.CacheHitRate);
        Assert.Null(run.CallsPerMonth);
        Assert.DoesNotContain(file.Entries, static e => e.Key == "A.Other");
    }

    [Fact]
    public void Places_a_problem_on_the_offending_value_in_characters()
    {
        var file = TrafficFile.Parse("{ \"defaults\": { \"callsPerMonth\": -5 } }", Path);

        var problem = Assert.Single(file.Problems);
        var place = problem.Place!.Value;
        Assert.Equal(0, place.Line);
        Assert.Equal("{ \"defaults\": { \"callsPerMonth\": ".Length, place.Column);
        Assert.Equal(2, place.Length);
        Assert.Equal("PromptLint ignores this value", problem.Consequence);
    }

    [Fact]
    public void Malformed_json_is_one_problem_and_nothing_is_taken()
    {
        var file = TrafficFile.Parse("""
            {
              "defaults": { "callsPerMonth": 1000 },
              "callSites": { "A.Run": { "callsPerMonth": 5 }
            """, Path);

        var problem = Assert.Single(file.Problems);
        Assert.StartsWith("the file is not valid JSON: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal("PromptLint ignores the file", problem.Consequence);
        Assert.True(file.IsEmpty);
    }

    [Fact]
    public void A_file_that_is_not_an_object_is_one_problem()
    {
        var file = TrafficFile.Parse("[ 1, 2 ]", Path);

        var problem = Assert.Single(file.Problems);
        Assert.Equal("the file must be a JSON object with 'defaults' and 'callSites'", problem.Message);
        Assert.True(file.IsEmpty);
    }

    [Theory]
    [InlineData("A.Run#0")]
    [InlineData("A.Run#two")]
    [InlineData("#2")]
    public void Rejects_a_call_site_number_that_is_not_one_or_more(string key)
    {
        var file = TrafficFile.Parse($$"""{ "callSites": { "{{key}}": { "callsPerMonth": 5 } } }""", Path);

        var problem = Assert.Single(file.Problems);
        Assert.Equal($"'{key}' must be a member, optionally followed by '#' and the number of the call site in it (from 1)", problem.Message);
        Assert.Empty(file.Entries);
    }

    [Fact]
    public void A_key_written_twice_is_reported_and_the_last_one_applies()
    {
        var file = TrafficFile.Parse("""
            { "callSites": {
                "A.Run(string, int)": { "callsPerMonth": 5 },
                "A.Run(string,int)": { "callsPerMonth": 7 } } }
            """, Path);

        var problem = Assert.Single(file.Problems);
        Assert.Equal("'A.Run(string,int)' appears twice in callSites", problem.Message);
        Assert.Equal(7, Assert.Single(file.Entries).CallsPerMonth);
    }

    [Fact]
    public void Null_means_not_stated_and_is_no_problem()
    {
        var file = TrafficFile.Parse("""{ "defaults": { "callsPerMonth": null, "dynamicParts": null } }""", Path);

        Assert.Empty(file.Problems);
        Assert.Null(file.Defaults!.CallsPerMonth);
    }

    [Fact]
    public void An_empty_file_is_one_problem()
    {
        var file = TrafficFile.Parse("", Path);

        Assert.Equal("the file is empty; it must be a JSON object", Assert.Single(file.Problems).Message);
    }
}
