using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace PromptLint.Core.Tokens;

/// <summary>
/// Token counts carried from one build to the next: for each prompt text an earlier build counted, its encoding, the
/// SHA-256 of its UTF-8 bytes and its token count. A count is a pure function of the text and the encoding, so a
/// count found here is the count the tokenizer would give; a build whose prompts did not change then loads no
/// tokenizer at all. The file names the counter that wrote it, and one written by another version is not used.
/// </summary>
public sealed class TokenCountFile
{
    /// <summary>The version of the file's layout; a file of another version is not used.</summary>
    public const int FormatVersion = 1;

    private readonly Dictionary<string, Dictionary<string, int>> _counts;

    private TokenCountFile(Dictionary<string, Dictionary<string, int>> counts, string? text)
    {
        _counts = counts;
        Text = text;
        Count = counts.Values.Sum(static c => c.Count);
    }

    /// <summary>No counts: what a first build has, and what a file that cannot be used gives.</summary>
    public static TokenCountFile Empty { get; } = new(new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal), null);

    /// <summary>
    /// The counter the counts belong to: the tokenizer library's build (its assembly version stays 1.0.0.0 across
    /// releases, so the informational version is named) and the length at which long runs are split. Counts of
    /// another counter may differ, so a file that names another one is not used. A change to how
    /// <see cref="TokenCounter"/> splits a text must change this name or <see cref="FormatVersion"/>.
    /// </summary>
    public static string Counter { get; } =
        "Microsoft.ML.Tokenizers "
        + (typeof(Tokenizer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(Tokenizer).Assembly.GetName().Version?.ToString())
        + "; runs of " + TokenCounter.MaxRunLength.ToString(CultureInfo.InvariantCulture);

    /// <summary>How many counts the file holds, over all encodings.</summary>
    public int Count { get; }

    /// <summary>The JSON the file was read from, or null for <see cref="Empty"/>.</summary>
    public string? Text { get; }

    /// <summary>
    /// Reads a file written by <see cref="Write"/>. A file that is not valid JSON, of another format version or of
    /// another counter gives <see cref="Empty"/>: it is a cache the next build writes again, not configuration.
    /// </summary>
    public static TokenCountFile Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != FormatVersion
                || !root.TryGetProperty("counter", out var counter) || counter.ValueKind != JsonValueKind.String || counter.GetString() != Counter
                || !root.TryGetProperty("counts", out var encodings) || encodings.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            foreach (var encoding in encodings.EnumerateObject())
            {
                if (encoding.Value.ValueKind != JsonValueKind.Object)
                    return Empty;

                var byHash = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var entry in encoding.Value.EnumerateObject())
                {
                    if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var tokens) || tokens < 0)
                        return Empty;
                    byHash[entry.Name] = tokens;
                }

                counts[encoding.Name] = byHash;
            }

            return new TokenCountFile(counts, json);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Empty;
        }
    }

    /// <summary>The count an earlier build gave <paramref name="text"/> in <paramref name="encoding"/>, if it has one.</summary>
    public bool TryGet(string encoding, string text, out int count)
    {
        count = 0;
        return _counts.TryGetValue(encoding, out var byHash) && byHash.TryGetValue(HashOf(text), out count);
    }

    /// <summary>
    /// The file for <paramref name="counts"/>: encodings and hashes in ordinal order, so that the same counts always
    /// give the same bytes and a build whose prompts did not change does not rewrite it.
    /// </summary>
    public static string Write(IEnumerable<(string Encoding, string Text, int Tokens)> counts)
    {
        var byEncoding = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (encoding, text, tokens) in counts)
        {
            if (!byEncoding.TryGetValue(encoding, out var byHash))
                byEncoding[encoding] = byHash = new SortedDictionary<string, int>(StringComparer.Ordinal);
            byHash[HashOf(text)] = tokens;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", FormatVersion);
            writer.WriteString("counter", Counter);
            writer.WriteStartObject("counts");
            foreach (var encoding in byEncoding)
            {
                writer.WriteStartObject(encoding.Key);
                foreach (var entry in encoding.Value)
                    writer.WriteNumber(entry.Key, entry.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>The lowercase hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    internal static string HashOf(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return hex.ToString();
    }
}
