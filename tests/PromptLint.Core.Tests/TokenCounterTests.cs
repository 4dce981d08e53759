using CsCheck;
using Microsoft.ML.Tokenizers;
using PromptLint.Core.Catalog;
using PromptLint.Core.Tokens;

namespace PromptLint.Core.Tests;

public sealed class TokenCounterTests
{
    private static ModelInfo BuiltIn(string id)
    {
        Assert.True(ModelCatalog.BuiltIn.TryFind(id, out var model));
        return model;
    }

    // Expected counts were taken once from Microsoft.ML.Tokenizers 2.0.0 (o200k_base), e.g. "hello world" is
    // [24912, 2375], the same ids tiktoken gives.
    [Theory]
    [InlineData("hello world", 2)]
    [InlineData("Hello, world!", 4)]
    [InlineData("You are a helpful assistant.", 6)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10)]
    [InlineData("Summarize the customer's ticket in three bullet points.", 11)]
    [InlineData("こんにちは世界", 2)]
    public void Counts_o200k_base_tokens(string text, int expected)
    {
        Assert.Equal(expected, TokenCounter.Count(text, TokenEncodings.O200kBase));
    }

    [Theory]
    [InlineData("こんにちは世界", 4)]
    [InlineData("Привет, мир!", 7)]
    [InlineData("Summarize the customer's ticket in three bullet points.", 12)]
    public void Counts_cl100k_base_tokens_when_asked_for_that_encoding(string text, int expected)
    {
        Assert.Equal(expected, TokenCounter.Count(text, TokenEncodings.Cl100kBase));
    }

    [Fact]
    public void Counts_the_empty_string_as_zero_tokens()
    {
        Assert.Equal(0, TokenCounter.Count("", TokenEncodings.O200kBase));
        Assert.Equal(0, TokenCounter.Count("", BuiltIn("claude-sonnet-4-5")));
    }

    [Fact]
    public void Returns_the_same_count_for_the_same_text_from_the_cache()
    {
        var text = "You are a support agent for Contoso. Answer in two sentences. " + Guid.NewGuid().ToString("N");

        var first = TokenCounter.Count(text, TokenEncodings.O200kBase);
        var second = TokenCounter.Count(text, TokenEncodings.O200kBase);

        Assert.Equal(first, second);
        Assert.True(first > 13, $"expected more tokens than the sentence alone, got {first}");
    }

    [Fact]
    public void Keeps_separate_cache_entries_per_encoding()
    {
        Assert.Equal(2, TokenCounter.Count("こんにちは世界", TokenEncodings.O200kBase));
        Assert.Equal(4, TokenCounter.Count("こんにちは世界", TokenEncodings.Cl100kBase));
        Assert.Equal(2, TokenCounter.Count("こんにちは世界", TokenEncodings.O200kBase));
    }

    [Fact]
    public void Counts_exactly_for_an_openai_model()
    {
        Assert.Equal(10, TokenCounter.Count("The quick brown fox jumps over the lazy dog.", BuiltIn("gpt-4o")));
    }

    [Theory]
    [InlineData("hello world", 2)] // 2 x 1.2 = 2.4
    [InlineData("Hello, world!", 5)] // 4 x 1.2 = 4.8
    [InlineData("You are a helpful assistant.", 7)] // 6 x 1.2 = 7.2
    [InlineData("The quick brown fox jumps over the lazy dog.", 12)] // 10 x 1.2 = 12
    public void Scales_a_claude_count_by_1_2_and_rounds_to_the_nearest_token(string text, int expected)
    {
        Assert.Equal(expected, TokenCounter.Count(text, BuiltIn("claude-sonnet-4-5")));
    }

    [Theory]
    [InlineData("hello world", 3)] // 2 x 1.6 = 3.2
    [InlineData("Hello, world!", 6)] // 4 x 1.6 = 6.4
    [InlineData("Summarize the customer's ticket in three bullet points.", 18)] // 11 x 1.6 = 17.6
    public void Scales_a_newer_claude_count_by_1_6(string text, int expected)
    {
        Assert.Equal(expected, TokenCounter.Count(text, BuiltIn("claude-opus-4-7")));
    }

    [Theory]
    [InlineData("hello world", 3)] // 2 x 1.25 = 2.5, away from zero (banker's rounding would give 2)
    [InlineData("The quick brown fox jumps over the lazy dog.", 13)] // 10 x 1.25 = 12.5
    [InlineData("You are a helpful assistant.", 8)] // 6 x 1.25 = 7.5
    public void Rounds_a_scaled_count_half_away_from_zero(string text, int expected)
    {
        var model = new ModelInfo { Id = "house-claude", Encoding = TokenEncodings.O200kBase, TokenMultiplier = 1.25m };

        Assert.Equal(expected, TokenCounter.Count(text, model));
    }

    [Fact]
    public void Counts_gemini_with_o200k_base_unscaled()
    {
        Assert.Equal(4, TokenCounter.Count("Hello, world!", BuiltIn("gemini-2.5-pro")));
    }

    [Fact]
    public void Counts_a_run_of_200000_characters_without_a_space_in_pieces()
    {
        // 1,000 'x' are 125 o200k tokens; the run is counted as 200 such pieces instead of one quadratic word.
        Assert.Equal(200 * 125, TokenCounter.Count(new string('x', 200_000), TokenEncodings.O200kBase));
    }

    [Fact]
    public void Long_text_with_spaces_is_counted_whole()
    {
        var text = string.Join(" ", Enumerable.Repeat("hello", 40_000));

        Assert.Equal(40_000, TokenCounter.Count(text, TokenEncodings.O200kBase));
    }

    [Fact]
    public async Task Counts_a_text_asked_for_by_many_threads_at_once_only_once()
    {
        var text = string.Join(" ", Enumerable.Repeat("cacheable system prompt", 20_000)) + Guid.NewGuid().ToString("N");
        var before = TokenCounter.Tokenizations;

        using var start = new Barrier(8);
        var counts = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return TokenCounter.Count(text, TokenEncodings.O200kBase);
            }))
            .ToArray();
        var results = await Task.WhenAll(counts);

        Assert.Single(results.Distinct());
        Assert.Equal(1, TokenCounter.Tokenizations - before);
    }

    [Fact]
    public void Preload_leaves_counting_correct()
    {
        TokenCounter.Preload();
        TokenCounter.Preload();

        Assert.Equal(4, TokenCounter.Count("Hello, world!", TokenEncodings.O200kBase));
    }

    [Fact]
    public void Loads_both_encodings_with_the_larger_word_cache()
    {
        // A text no other test counts, so that both tokenizers are really asked for.
        var text = "word cache " + Guid.NewGuid().ToString("N");
        _ = TokenCounter.Count(text, TokenEncodings.O200kBase);
        _ = TokenCounter.Count(text, TokenEncodings.Cl100kBase);

        // Both data packages still keep their ranks where TokenCounter looks; otherwise it falls back to the default.
        Assert.Equal(2, TokenCounter.LoadedWithWordCache);
    }

    private static readonly Tokenizer s_defaultO200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
    private static readonly Tokenizer s_defaultCl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    // Words, numbers, punctuation, whitespace runs, other scripts, emoji and the encodings' special tokens.
    private static readonly Gen<string> s_text = Gen.OneOf(
            Gen.String[Gen.Char['a', 'z'], 1, 12],
            Gen.Int[0, 100_000].Select(static n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.OneOf<string>(" ", "  ", "\n", "\r\n", "\t", ". ", ", ", "'s", "?!", "{\"a\": 1}"),
            Gen.OneOf<string>("こんにちは", "Привет", "مرحبا", "🙂", "naïve", "<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endoftext|"))
        .Array[0, 60]
        .Select(static parts => string.Concat(parts));

    [Fact]
    public void Counts_what_the_library_default_tokenizer_counts()
    {
        s_text.Sample(text =>
        {
            Assert.Equal(s_defaultO200k.CountTokens(text), TokenCounter.Count(text, TokenEncodings.O200kBase));
            Assert.Equal(s_defaultCl100k.CountTokens(text), TokenCounter.Count(text, TokenEncodings.Cl100kBase));
        }, iter: 2_000);
    }

    [Fact]
    public void Counts_a_text_of_more_distinct_words_than_the_default_cache_holds_as_the_default_does()
    {
        // 20,000 distinct words, more than the library's default of 8,192 and less than TokenCounter's word cache.
        var words = Enumerable.Range(0, 20_000).Select(static i => "w" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "q");
        var text = string.Join(" ", words) + " " + Guid.NewGuid().ToString("N");

        Assert.Equal(s_defaultO200k.CountTokens(text), TokenCounter.Count(text, TokenEncodings.O200kBase));
    }
}
