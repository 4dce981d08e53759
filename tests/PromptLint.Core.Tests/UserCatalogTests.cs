using PromptLint.Core.Catalog;

namespace PromptLint.Core.Tests;

/// <summary><see cref="ModelCatalog.Parse"/> and <see cref="ModelCatalog.Overlay"/> on a user's catalog file.</summary>
public sealed class UserCatalogTests
{
    private const string FilePath = "config/models.json";

    // The JSON texts below start at line 1 with "{"; line numbers in the assertions count from there.

    private const string AddsAndOverrides = """
        {
          "asOf": "2027-01-15",
          "models": [
            {
              "id": "house-llm",
              "aliases": ["house-llm-2027-01"],
              "provider": "openai",
              "inputPerMTok": 0.5,
              "outputPerMTok": 1.5,
              "maxOutputTokens": 8192,
              "contextWindow": 64000
            },
            {
              "id": "gpt-4o",
              "provider": "openai",
              "inputPerMTok": 2.0,
              "outputPerMTok": 8.0,
              "cacheReadPerMTok": 1.0,
              "minCacheableTokens": 1024,
              "maxOutputTokens": 16384,
              "contextWindow": 128000
            }
          ]
        }
        """;

    private static List<CatalogProblem> Problems() => new();

    [Fact]
    public void Adds_a_new_model_and_overrides_a_built_in_one()
    {
        var problems = Problems();

        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, AddsAndOverrides, FilePath, problems);

        Assert.Empty(problems);
        Assert.Equal(ModelCatalog.BuiltIn.Models.Count + 1, catalog.Models.Count);
        Assert.True(catalog.TryFind("house-llm-2027-01", out var house));
        Assert.Equal("house-llm", house.Id);
        Assert.Equal(0.5m, house.InputPerMTok);
        Assert.Equal(1.5m, house.OutputPerMTok);
        Assert.True(catalog.TryFind("gpt-4o", out var gpt4o));
        Assert.Equal(2.0m, gpt4o.InputPerMTok);
        Assert.Equal(8.0m, gpt4o.OutputPerMTok);
        Assert.Equal(1.0m, gpt4o.CacheReadPerMTok);
    }

    [Fact]
    public void Keeps_the_built_in_models_the_user_file_does_not_mention()
    {
        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, AddsAndOverrides, FilePath, Problems());

        Assert.True(catalog.TryFind("claude-sonnet-4-5", out var sonnet));
        Assert.Equal(3m, sonnet.InputPerMTok);
        Assert.Equal(15m, sonnet.OutputPerMTok);
    }

    [Fact]
    public void Keeps_an_overridden_model_in_its_built_in_position_and_appends_new_ones()
    {
        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, AddsAndOverrides, FilePath, Problems());

        Assert.Equal("gpt-4o", catalog.Models[0].Id);
        Assert.Equal(2.0m, catalog.Models[0].InputPerMTok);
        Assert.Equal("house-llm", catalog.Models[^1].Id);
    }

    [Fact]
    public void Drops_the_aliases_of_an_overridden_model_that_the_override_does_not_list()
    {
        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, AddsAndOverrides, FilePath, Problems());

        // The override of gpt-4o lists no aliases, so its built-in snapshots are no longer known.
        Assert.False(catalog.TryFind("gpt-4o-2024-08-06", out _));
    }

    [Fact]
    public void Takes_the_user_file_date_and_path_as_the_catalog_date_and_source()
    {
        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, AddsAndOverrides, FilePath, Problems());

        Assert.Equal("2027-01-15", catalog.AsOf);
        Assert.Equal("2026-07-18", catalog.PriceDataAsOf); // not set in the user file, so the built-in date stays
        Assert.Equal(FilePath, catalog.Source);
    }

    [Fact]
    public void Replaces_the_built_in_catalog_when_replaceBuiltIn_is_true()
    {
        const string json = """
            {
              "replaceBuiltIn": true,
              "priceDataAsOf": "2027-02-01",
              "models": [
                { "id": "house-llm", "provider": "openai", "inputPerMTok": 0.5, "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192, "contextWindow": 64000 }
              ]
            }
            """;
        var problems = Problems();

        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, json, FilePath, problems);

        Assert.Empty(problems);
        Assert.Equal("house-llm", Assert.Single(catalog.Models).Id);
        Assert.False(catalog.TryFind("gpt-4o", out _));
        Assert.Equal("2027-02-01", catalog.PriceDataAsOf);
        Assert.Equal(FilePath, catalog.Source);
    }

    [Fact]
    public void Reads_optional_fields_and_defaults_the_rest()
    {
        const string json = """
            {
              "models": [
                { "id": "house-llm", "provider": "openai", "inputPerMTok": 0.5, "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192, "contextWindow": 64000 },
                { "id": "house-claude", "provider": "anthropic", "tier": "frontier", "inputPerMTok": 4, "outputPerMTok": 20,
                  "cacheReadPerMTok": 0.4, "cacheWritePerMTok": 5, "minCacheableTokens": 2048,
                  "maxOutputTokens": 32000, "contextWindow": 200000,
                  "tokenizer": "none-public", "tokenizerApprox": "o200k_base", "tokenizerApproxMultiplier": 1.25 }
              ]
            }
            """;
        var problems = Problems();

        var catalog = ModelCatalog.Parse(json, FilePath, problems);

        Assert.Empty(problems);
        Assert.NotNull(catalog);
        var plain = catalog.Models[0];
        Assert.Equal("standard", plain.Tier);
        Assert.Null(plain.CacheReadPerMTok);
        Assert.Null(plain.MinCacheableTokens);
        Assert.Empty(plain.Aliases);
        Assert.Equal(TokenEncodings.O200kBase, plain.Encoding);
        Assert.True(plain.TokensAreExact);
        var claude = catalog.Models[1];
        Assert.Equal("frontier", claude.Tier);
        Assert.Equal(0.4m, claude.CacheReadPerMTok);
        Assert.Equal(5m, claude.CacheWritePerMTok);
        Assert.Equal(2048, claude.MinCacheableTokens);
        Assert.False(claude.TokensAreExact);
        Assert.Equal(1.25m, claude.TokenMultiplier);
    }

    [Fact]
    public void Counts_with_cl100k_base_when_the_user_names_it()
    {
        const string json = """
            { "models": [ { "id": "gpt-4-legacy", "provider": "openai", "inputPerMTok": 30, "outputPerMTok": 60,
                            "maxOutputTokens": 8192, "contextWindow": 8192, "tokenizer": "cl100k_base" } ] }
            """;

        var catalog = ModelCatalog.Parse(json, FilePath, Problems());

        Assert.NotNull(catalog);
        Assert.Equal(TokenEncodings.Cl100kBase, catalog.Models[0].Encoding);
        Assert.True(catalog.Models[0].TokensAreExact);
    }

    [Fact]
    public void Accepts_comments_in_the_file()
    {
        const string json = """
            {
              // prices from our contract, 2027
              "models": [
                /* in-house deployment */
                { "id": "house-llm", "provider": "openai", "inputPerMTok": 0.5, "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192, "contextWindow": 64000 }
              ]
            }
            """;
        var problems = Problems();

        var catalog = ModelCatalog.Parse(json, FilePath, problems);

        Assert.Empty(problems);
        Assert.Equal("house-llm", Assert.Single(catalog!.Models).Id);
    }

    [Fact]
    public void Reports_line_of_malformed_json_and_yields_no_catalog()
    {
        const string json = """
            {
              "models": [
                { "id": "house-llm" "provider": "openai" }
              ]
            }
            """;
        var problems = Problems();

        var catalog = ModelCatalog.Parse(json, FilePath, problems);

        Assert.Null(catalog);
        var problem = Assert.Single(problems);
        Assert.Equal(FilePath, problem.FilePath);
        Assert.Equal(3, problem.Line);
        Assert.Equal("$", problem.Field);
        Assert.StartsWith("the file is not valid JSON: ", problem.Message);
    }

    [Fact]
    public void Reports_line_of_an_unclosed_object()
    {
        const string json = """
            {
              "models": [
                { "id": "house-llm",
                  "provider": "openai"
              ]
            }
            """;
        var problems = Problems();

        Assert.Null(ModelCatalog.Parse(json, FilePath, problems));

        // The parser sees the ']' on line 5 where it expected another property or '}'.
        Assert.Equal(5, Assert.Single(problems).Line);
    }

    [Fact]
    public void Keeps_the_base_catalog_when_the_user_file_is_malformed()
    {
        var problems = Problems();

        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, "{ \"models\": [", FilePath, problems);

        Assert.Same(ModelCatalog.BuiltIn, catalog);
        Assert.Single(problems);
    }

    [Fact]
    public void Reports_a_file_whose_root_is_not_an_object()
    {
        var problems = Problems();

        Assert.Null(ModelCatalog.Parse("[]", FilePath, problems));

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.Equal("$", problem.Field);
    }

    [Fact]
    public void Reports_a_file_without_a_models_array()
    {
        const string json = """
            {
              "asOf": "2027-01-15",
              "models": { "id": "house-llm" }
            }
            """;
        var problems = Problems();

        Assert.Null(ModelCatalog.Parse(json, FilePath, problems));

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal("models", problem.Field);
        Assert.Contains("'models' array", problem.Message);
    }

    // Three models: the first and last are valid, the middle one is broken in a different way per test.
    private static string WithBrokenMiddleModel(string brokenFields) => $$"""
        {
          "models": [
            {
              "id": "house-llm",
              "provider": "openai",
              "inputPerMTok": 0.5,
              "outputPerMTok": 1.5,
              "maxOutputTokens": 8192,
              "contextWindow": 64000
            },
            {
              "id": "broken-llm",
        {{brokenFields}}
            },
            {
              "id": "house-mini",
              "provider": "openai",
              "inputPerMTok": 0.1,
              "outputPerMTok": 0.4,
              "maxOutputTokens": 4096,
              "contextWindow": 32000
            }
          ]
        }
        """;

    private static (ModelCatalog? Catalog, List<CatalogProblem> Problems) ParseBroken(string brokenFields)
    {
        var problems = Problems();
        var catalog = ModelCatalog.Parse(WithBrokenMiddleModel(brokenFields), FilePath, problems);
        return (catalog, problems);
    }

    [Fact]
    public void Reports_line_and_field_of_a_missing_required_field()
    {
        // Line 11 is the '{' of models[1]; a missing field has no line of its own, so the entry's line is given.
        var (_, problems) = ParseBroken("""
                  "provider": "openai",
                  "inputPerMTok": 0.5,
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(11, problem.Line);
        Assert.Equal("models[1].outputPerMTok", problem.Field);
        Assert.Equal("the required field 'outputPerMTok' is missing (model 'broken-llm')", problem.Message);
        Assert.Equal(FilePath, problem.FilePath);
    }

    [Fact]
    public void Reports_line_and_field_of_a_negative_price()
    {
        var (_, problems) = ParseBroken("""
                  "provider": "openai",
                  "inputPerMTok": -0.5,
                  "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """);

        // Line 12 is "id", line 13 "provider", line 14 "inputPerMTok".
        var problem = Assert.Single(problems);
        Assert.Equal(14, problem.Line);
        Assert.Equal("models[1].inputPerMTok", problem.Field);
        Assert.Equal("'inputPerMTok' must be a number of zero or more, but is -0.5 (model 'broken-llm')", problem.Message);
    }

    [Fact]
    public void Reports_line_and_field_of_a_string_where_a_price_belongs()
    {
        var (_, problems) = ParseBroken("""
                  "provider": "openai",
                  "inputPerMTok": 0.5,
                  "outputPerMTok": "1.50",
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(15, problem.Line);
        Assert.Equal("models[1].outputPerMTok", problem.Field);
        Assert.Equal("'outputPerMTok' must be a number of zero or more, but is the string \"1.50\" (model 'broken-llm')",
            problem.Message);
    }

    [Fact]
    public void Reports_line_and_field_of_a_null_price()
    {
        var (_, problems) = ParseBroken("""
                  "provider": "openai",
                  "inputPerMTok": null,
                  "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(14, problem.Line);
        Assert.Equal("models[1].inputPerMTok", problem.Field);
        Assert.Equal("'inputPerMTok' must be a number, not null (model 'broken-llm')", problem.Message);
    }

    [Theory]
    [InlineData("0", "'maxOutputTokens' must be a whole number above zero (model 'broken-llm')")]
    [InlineData("-1", "'maxOutputTokens' must be a whole number of zero or more, but is -1 (model 'broken-llm')")]
    [InlineData("8192.5", "'maxOutputTokens' must be a whole number of zero or more, but is 8192.5 (model 'broken-llm')")]
    public void Reports_line_and_field_of_a_non_positive_or_fractional_maxOutputTokens(string value, string message)
    {
        var (_, problems) = ParseBroken($"""
                  "provider": "openai",
                  "inputPerMTok": 0.5,
                  "outputPerMTok": 1.5,
                  "maxOutputTokens": {value},
                  "contextWindow": 64000
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(16, problem.Line);
        Assert.Equal("models[1].maxOutputTokens", problem.Field);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void Reports_every_null_required_field_of_a_model()
    {
        var (_, problems) = ParseBroken("""
                  "provider": "openai",
                  "inputPerMTok": 0.5,
                  "outputPerMTok": null,
                  "maxOutputTokens": null,
                  "contextWindow": 64000
            """);

        Assert.Equal(
            new[] { (15, "models[1].outputPerMTok"), (16, "models[1].maxOutputTokens") },
            problems.Select(static p => (p.Line, p.Field)));
        Assert.Equal("'maxOutputTokens' must be a whole number, not null (model 'broken-llm')", problems[1].Message);
    }

    [Fact]
    public void Reports_line_and_field_of_an_empty_provider()
    {
        var (_, problems) = ParseBroken("""
                  "provider": "",
                  "inputPerMTok": 0.5,
                  "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(13, problem.Line);
        Assert.Equal("models[1].provider", problem.Field);
        Assert.Equal("'provider' must be a non-empty string (model 'broken-llm')", problem.Message);
    }

    [Fact]
    public void Reports_a_missing_id_without_naming_a_model()
    {
        const string json = """
            {
              "models": [
                {
                  "provider": "openai", "inputPerMTok": 0.5, "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192, "contextWindow": 64000
                }
              ]
            }
            """;
        var problems = Problems();

        var catalog = ModelCatalog.Parse(json, FilePath, problems);

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal("models[0].id", problem.Field);
        Assert.Equal("the required field 'id' is missing", problem.Message);
        Assert.Empty(catalog!.Models);
    }

    [Fact]
    public void Keeps_the_valid_models_around_a_broken_one()
    {
        var (catalog, problems) = ParseBroken("""
                  "provider": "openai",
                  "inputPerMTok": -0.5,
                  "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """);

        Assert.NotEmpty(problems);
        Assert.NotNull(catalog);
        Assert.Equal(new[] { "house-llm", "house-mini" }, catalog.Models.Select(static m => m.Id));
        Assert.False(catalog.TryFind("broken-llm", out _));
    }

    [Fact]
    public void Overlays_the_valid_models_of_a_file_with_a_broken_one()
    {
        var problems = Problems();

        var catalog = ModelCatalog.Overlay(ModelCatalog.BuiltIn, WithBrokenMiddleModel("""
                  "provider": "openai"
            """), FilePath, problems);

        Assert.NotEmpty(problems);
        Assert.True(catalog.TryFind("house-llm", out _));
        Assert.True(catalog.TryFind("house-mini", out _));
        Assert.False(catalog.TryFind("broken-llm", out _));
        Assert.True(catalog.TryFind("gpt-4o", out _));
    }

    [Fact]
    public void Counts_lines_the_same_with_windows_line_endings()
    {
        var json = WithBrokenMiddleModel("""
                  "provider": "openai",
                  "inputPerMTok": -0.5,
                  "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192,
                  "contextWindow": 64000
            """).Replace("\r\n", "\n").Replace("\n", "\r\n");
        var problems = Problems();

        ModelCatalog.Parse(json, FilePath, problems);

        Assert.Equal(14, problems[0].Line);
    }

    [Fact]
    public void Reports_line_and_index_of_an_entry_that_is_not_an_object()
    {
        const string json = """
            {
              "models": [
                {
                  "id": "house-llm", "provider": "openai", "inputPerMTok": 0.5, "outputPerMTok": 1.5,
                  "maxOutputTokens": 8192, "contextWindow": 64000
                }
              ]
            }
            """;
        var problems = Problems();

        var catalog = ModelCatalog.Parse(json.Replace("\"models\": [", "\"models\": [ \"house-llm\","), FilePath, problems);

        var problem = Assert.Single(problems);
        Assert.Equal("models[0]", problem.Field);
        Assert.Equal("each model must be a JSON object", problem.Message);
        Assert.Equal("house-llm", Assert.Single(catalog!.Models).Id);
    }

    [Fact]
    public void Reports_the_right_line_after_an_entry_that_is_not_an_object()
    {
        const string json = """
            {
              "models": [
                "house-llm",
                {
                  "id": "house-mini", "provider": "openai", "inputPerMTok": 0.1, "outputPerMTok": 0.4,
                  "maxOutputTokens": 4096, "contextWindow": 32000
                },
                {
                  "id": "broken-llm",
                  "provider": "openai",
                  "inputPerMTok": null,
                  "outputPerMTok": 1.5, "maxOutputTokens": 8192, "contextWindow": 64000
                }
              ]
            }
            """;
        var problems = Problems();

        ModelCatalog.Parse(json, FilePath, problems);

        Assert.Equal(3, problems.Single(static p => p.Field == "models[0]").Line);
        Assert.Equal(11, problems.Single(static p => p.Field == "models[2].inputPerMTok").Line);
    }

    [Fact]
    public void Writes_a_problem_as_path_line_field_and_message()
    {
        var problem = new CatalogProblem(FilePath, 14, "models[1].inputPerMTok", "'inputPerMTok' must be a number");

        Assert.Equal("config/models.json(14): models[1].inputPerMTok: 'inputPerMTok' must be a number", problem.ToString());
    }
}
