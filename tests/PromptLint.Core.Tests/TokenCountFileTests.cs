using PromptLint.Core.Tokens;

namespace PromptLint.Core.Tests;

public sealed class TokenCountFileTests
{
    [Fact]
    public void Reads_back_the_counts_it_wrote()
    {
        var json = TokenCountFile.Write([("o200k_base", "hello world", 2), ("cl100k_base", "こんにちは世界", 4), ("o200k_base", "こんにちは世界", 2)]);

        var file = TokenCountFile.Parse(json);

        Assert.Equal(3, file.Count);
        Assert.True(file.TryGet("o200k_base", "hello world", out var hello));
        Assert.Equal(2, hello);
        Assert.True(file.TryGet("cl100k_base", "こんにちは世界", out var japanese));
        Assert.Equal(4, japanese);
        Assert.False(file.TryGet("cl100k_base", "hello world", out _));
        Assert.False(file.TryGet("o200k_base", "hello world!", out _));
        Assert.Equal(json, file.Text);
    }

    [Fact]
    public void Writes_the_same_bytes_whatever_the_order_of_the_counts()
    {
        var counts = new[] { ("o200k_base", "a", 1), ("o200k_base", "b", 1), ("cl100k_base", "c", 1), ("o200k_base", "d", 1) };

        var forward = TokenCountFile.Write(counts);
        var backward = TokenCountFile.Write(counts.Reverse());

        Assert.Equal(forward, backward);
        Assert.True(forward.IndexOf("cl100k_base", StringComparison.Ordinal) < forward.IndexOf("o200k_base", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_texts_by_the_sha256_of_their_utf8_bytes_and_holds_no_text()
    {
        var json = TokenCountFile.Write([("o200k_base", "hello world", 2)]);

        // SHA-256 of the UTF-8 bytes of "hello world", as sha256sum prints it.
        Assert.Contains("\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\": 2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"format":2,"counter":"COUNTER","counts":{}}""")]
    [InlineData("""{"format":1,"counter":"Microsoft.ML.Tokenizers 1.0.0.0; runs of 1000","counts":{}}""")]
    [InlineData("""{"format":1,"counter":"COUNTER","counts":{"o200k_base":{"ab":-1}}}""")]
    [InlineData("""{"format":1,"counter":"COUNTER","counts":{"o200k_base":{"ab":"2"}}}""")]
    [InlineData("""{"format":1,"counter":"COUNTER","counts":{"o200k_base":[]}}""")]
    [InlineData("""{"format":1,"counter":"COUNTER"}""")]
    public void A_file_that_cannot_be_trusted_gives_no_counts(string json)
    {
        var file = TokenCountFile.Parse(json.Replace("COUNTER", TokenCountFile.Counter.Replace("\\", "\\\\"), StringComparison.Ordinal));

        Assert.Same(TokenCountFile.Empty, file);
        Assert.Equal(0, file.Count);
    }

    [Fact]
    public void Counting_with_a_file_takes_the_count_from_it_for_a_text_never_counted()
    {
        var text = "a text no tokenizer saw " + Guid.NewGuid().ToString("N");
        // A count no tokenizer would give for this text shows that the file, not the tokenizer, answered.
        var file = TokenCountFile.Parse(TokenCountFile.Write([("o200k_base", text, 12345)]));

        Assert.Equal(12345, TokenCounter.Count(text, "o200k_base", file));
    }
}
