using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PromptLint.Analyzers.Configuration;

/// <summary>
/// The traffic and assumptions file (<c>promptlint.json</c>): project defaults and entries keyed by member or call
/// site, each with expected requests per month, dynamic-part sizes, assumed output and cache hit rate. Problems are
/// collected with their place in the file, never thrown; a value with a problem is left out and the rest apply.
/// </summary>
internal sealed class TrafficFile
{
    public const string DefaultsKey = "defaults";
    public const string CallSitesKey = "callSites";
    public const string CallsPerMonthKey = "callsPerMonth";
    public const string DynamicTokensKey = "dynamicTokens";
    public const string DynamicPartsKey = "dynamicParts";
    public const string OutputTokensKey = "outputTokens";
    public const string CacheHitRateKey = "cacheHitRate";

    private const string EntryKeys = "callsPerMonth, dynamicTokens, dynamicParts, outputTokens, cacheHitRate";

    public static readonly TrafficFile None = new("", null, Array.Empty<TrafficEntry>(), Array.Empty<TrafficProblem>());

    private TrafficFile(string path, TrafficEntry? defaults, IReadOnlyList<TrafficEntry> entries, IReadOnlyList<TrafficProblem> problems)
    {
        Path = path;
        Defaults = defaults;
        Entries = entries;
        Problems = problems;
    }

    public string Path { get; }

    /// <summary>The <c>defaults</c> object: what applies to every call site of the project; null when absent.</summary>
    public TrafficEntry? Defaults { get; }

    /// <summary>The entries of <c>callSites</c>, in file order.</summary>
    public IReadOnlyList<TrafficEntry> Entries { get; }

    /// <summary>Problems found while reading the file; matching problems (a key no call site has) come later.</summary>
    public IReadOnlyList<TrafficProblem> Problems { get; }

    public bool IsEmpty => Defaults is null && Entries.Count == 0;

    public static TrafficFile Parse(string text, string path)
    {
        var reader = new Reader(text, path);
        return reader.Read();
    }

    /// <summary>A problem that stops the whole file from being read.</summary>
    public static TrafficFile Unreadable(string path, string message) =>
        new(path, null, Array.Empty<TrafficEntry>(), new[] { new TrafficProblem(path, null, message, "PromptLint ignores the file") });

    /// <summary>Whitespace does not count in keys: <c>M(string,int)</c> and <c>M(string, int)</c> are the same key.</summary>
    public static string Normalize(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (!char.IsWhiteSpace(c))
                builder.Append(c);
        }

        return builder.ToString();
    }

    private sealed class Reader
    {
        private readonly string _path;
        private readonly byte[] _utf8;
        private readonly string _text;
        private readonly List<TrafficProblem> _problems = new();

        public Reader(string text, string path)
        {
            _text = text;
            _path = path;
            _utf8 = Encoding.UTF8.GetBytes(text);
        }

        public TrafficFile Read()
        {
            TrafficEntry? defaults = null;
            var entries = new List<TrafficEntry>();
            if (string.IsNullOrWhiteSpace(_text))
                return Unreadable(_path, "the file is empty; it must be a JSON object");

            var json = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            try
            {
                json.Read();

                if (json.TokenType != JsonTokenType.StartObject)
                {
                    Problem(json.TokenStartIndex, 1, "the file must be a JSON object with 'defaults' and 'callSites'", "PromptLint ignores the file");
                    json.Skip();
                    return Result(null, entries);
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    var name = json.GetString() ?? "";
                    var (start, length) = Token(ref json);
                    json.Read();
                    if (!seen.Add(name) && name is DefaultsKey or CallSitesKey)
                        Problem(start, length, $"'{name}' appears twice", "PromptLint uses the last one");

                    switch (name)
                    {
                        case DefaultsKey:
                            defaults = ReadEntry(ref json, DefaultsKey, start, length, isDefaults: true);
                            break;
                        case CallSitesKey:
                            ReadCallSites(ref json, entries);
                            break;
                        default:
                            Problem(start, length, $"'{name}' is not a key PromptLint knows at the top level (it knows defaults and callSites)", "PromptLint ignores it");
                            json.Skip();
                            break;
                    }
                }
            }
            catch (JsonException ex)
            {
                var line = (int)(ex.LineNumber ?? 0);
                var column = (int)(ex.BytePositionInLine ?? 0);
                var message = "the file is not valid JSON: " + FirstSentence(ex.Message);
                _problems.Clear();
                _problems.Add(new TrafficProblem(_path, Place.At(line, column, 1, LineOffset(line) + column), message, "PromptLint ignores the file"));
                return new TrafficFile(_path, null, Array.Empty<TrafficEntry>(), _problems);
            }

            return Result(defaults, entries);
        }

        private TrafficFile Result(TrafficEntry? defaults, List<TrafficEntry> entries)
        {
            // The last entry of a key wins, as in most JSON readers; the earlier ones were reported.
            var last = new Dictionary<string, TrafficEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
                last[Normalize(entry.Key)] = entry;

            return new TrafficFile(_path, defaults, entries.Where(e => ReferenceEquals(last[Normalize(e.Key)], e)).ToList(), _problems);
        }

        private void ReadCallSites(ref Utf8JsonReader json, List<TrafficEntry> entries)
        {
            if (json.TokenType != JsonTokenType.StartObject)
            {
                var (start, length) = Token(ref json);
                Problem(start, length, $"'callSites' must be an object keyed by member, but is {Describe(ref json)}", "PromptLint ignores it");
                json.Skip();
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var key = json.GetString() ?? "";
                var (start, length) = Token(ref json);
                json.Read();

                if (Normalize(key).Length == 0)
                {
                    Problem(start, length, "a call-site key is empty; it must name a member, like 'AnswerWriter.WriteAsync'", "PromptLint ignores this entry");
                    json.Skip();
                    continue;
                }

                if (!seen.Add(Normalize(key)))
                    Problem(start, length, $"'{key}' appears twice in callSites", "PromptLint uses the last one");

                if (ReadEntry(ref json, key, start, length, isDefaults: false) is { } entry)
                    entries.Add(entry);
            }
        }

        private TrafficEntry? ReadEntry(ref Utf8JsonReader json, string key, int keyStart, int keyLength, bool isDefaults)
        {
            var what = isDefaults ? "'defaults'" : $"the entry '{key}'";
            if (json.TokenType != JsonTokenType.StartObject)
            {
                var (start, length) = Token(ref json);
                Problem(start, length, $"{what} must be an object, but is {Describe(ref json)}", isDefaults ? "PromptLint ignores it" : "PromptLint ignores this entry");
                json.Skip();
                return null;
            }

            var entry = new TrafficEntry(key, PlaceOf(keyStart, keyLength), isDefaults);
            if (!isDefaults && !ParseKey(entry, keyStart, keyLength))
            {
                json.Skip();
                return null;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json.GetString() ?? "";
                var (start, length) = Token(ref json);
                json.Read();
                if (!seen.Add(name))
                    Problem(start, length, $"'{name}' appears twice in {what}", "PromptLint uses the last one");

                var field = $"'{name}' of {what}";
                switch (name)
                {
                    case CallsPerMonthKey:
                        if (WholeNumber(ref json, field, minimum: 0) is { } calls)
                            entry.CallsPerMonth = calls;
                        break;
                    case DynamicTokensKey:
                        if (WholeNumber(ref json, field, minimum: 0, maximum: int.MaxValue) is { } dynamicTokens)
                            entry.DynamicTokens = (int)dynamicTokens;
                        break;
                    case OutputTokensKey:
                        if (WholeNumber(ref json, field, minimum: 1, maximum: int.MaxValue) is { } outputTokens)
                            entry.OutputTokens = (int)outputTokens;
                        break;
                    case CacheHitRateKey:
                        if (Rate(ref json, field) is { } rate)
                            entry.CacheHitRate = rate;
                        break;
                    case DynamicPartsKey:
                        ReadParts(ref json, entry, what);
                        break;
                    default:
                        Problem(start, length, $"'{name}' is not a key PromptLint knows in {what} (it knows {EntryKeys})", "PromptLint ignores it");
                        json.Skip();
                        break;
                }
            }

            return entry;
        }

        // AnswerWriter.WriteAsync, AnswerWriter.WriteAsync(string, CancellationToken), SupportBot.AnswerWriter.WriteAsync#2
        private bool ParseKey(TrafficEntry entry, int keyStart, int keyLength)
        {
            var key = Normalize(entry.Key);
            var hash = key.LastIndexOf('#');
            if (hash >= 0)
            {
                var number = key.Substring(hash + 1);
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) || ordinal < 1 || hash == 0)
                {
                    Problem(keyStart, keyLength,
                        $"'{entry.Key}' must be a member, optionally followed by '#' and the number of the call site in it (from 1)",
                        "PromptLint ignores this entry");
                    return false;
                }

                entry.Ordinal = ordinal;
                key = key.Substring(0, hash);
            }

            entry.MemberKey = key;
            return true;
        }

        private void ReadParts(ref Utf8JsonReader json, TrafficEntry entry, string what)
        {
            if (json.TokenType == JsonTokenType.Null)
                return;

            if (json.TokenType != JsonTokenType.StartObject)
            {
                var (start, length) = Token(ref json);
                Problem(start, length, $"'dynamicParts' of {what} must be an object of part names and token counts, but is {Describe(ref json)}", "PromptLint ignores it");
                json.Skip();
                return;
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json.GetString() ?? "";
                var (start, length) = Token(ref json);
                json.Read();
                if (WholeNumber(ref json, $"the dynamic part '{name}' of {what}", minimum: 0, maximum: int.MaxValue) is { } tokens)
                    entry.AddPart(Normalize(name).TrimStart('$'), name, (int)tokens, PlaceOf(start, length));
            }
        }

        private long? WholeNumber(ref Utf8JsonReader json, string field, long minimum, long maximum = long.MaxValue)
        {
            var (start, length) = Token(ref json);
            if (json.TokenType == JsonTokenType.Null)
                return null;

            if (json.TokenType == JsonTokenType.Number && json.TryGetInt64(out var value) && value >= minimum && value <= maximum)
                return value;

            var range = minimum == 0 ? "a whole number of zero or more" : "a whole number above zero";
            var message = json.TokenType == JsonTokenType.Number ? NumberProblem(ref json, field, minimum, maximum) : null;
            Problem(start, length, message ?? $"{field} must be {range}, but is {Describe(ref json)}", "PromptLint ignores this value");
            json.Skip();
            return null;
        }

        /// <summary>
        /// What is wrong with a number that is not a whole number in range, when "must be a whole number" would mislead:
        /// a value above the maximum, or a whole number written with an exponent (<c>1e3</c>); null for the rest.
        /// </summary>
        private string? NumberProblem(ref Utf8JsonReader json, string field, long minimum, long maximum)
        {
            var text = Encoding.UTF8.GetString(_utf8, (int)json.TokenStartIndex, json.ValueSpan.Length);
            var tooLarge = $"{field} is too large: it must be at most {maximum.ToString("N0", CultureInfo.InvariantCulture)}, but is {text}";

            // Beyond decimal's range (1e400) only the sign says which end it is past.
            if (!json.TryGetDecimal(out var number))
                return text.StartsWith("-", StringComparison.Ordinal) ? null : tooLarge;

            if (number != decimal.Truncate(number) || number < minimum)
                return null;
            if (number > maximum)
                return tooLarge;

            var plain = decimal.Truncate(number).ToString(CultureInfo.InvariantCulture);
            return $"{field} must be written as a plain whole number ({plain}, not {text})";
        }

        private decimal? Rate(ref Utf8JsonReader json, string field)
        {
            var (start, length) = Token(ref json);
            if (json.TokenType == JsonTokenType.Null)
                return null;

            if (json.TokenType == JsonTokenType.Number && json.TryGetDecimal(out var value) && value >= 0m && value <= 1m)
                return value;

            Problem(start, length, $"{field} must be a number from 0 to 1 (0.8 is 80% of requests served from the cache), but is {Describe(ref json)}", "PromptLint ignores this value");
            json.Skip();
            return null;
        }

        private static (int Start, int Length) Token(ref Utf8JsonReader json)
        {
            var start = (int)json.TokenStartIndex;
            var length = json.HasValueSequence ? (int)json.ValueSequence.Length : json.ValueSpan.Length;
            // A string token's span leaves out its quotes.
            if (json.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                length += 2;
            return (start, Math.Max(1, length));
        }

        private string Describe(ref Utf8JsonReader json) => json.TokenType switch
        {
            JsonTokenType.String => $"the string \"{json.GetString()}\"",
            JsonTokenType.Number => Encoding.UTF8.GetString(_utf8, (int)json.TokenStartIndex, json.ValueSpan.Length),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.StartObject => "an object",
            _ => "null",
        };

        private void Problem(long byteStart, int byteLength, string message, string consequence) =>
            _problems.Add(new TrafficProblem(_path, PlaceOf(byteStart, byteLength), message, consequence));

        private Place PlaceOf(long byteStart, int byteLength)
        {
            // Lines and columns count characters, as the compiler's locations do; the file is UTF-8.
            var start = Encoding.UTF8.GetCharCount(_utf8, 0, (int)byteStart);
            var end = Encoding.UTF8.GetCharCount(_utf8, 0, Math.Min(_utf8.Length, (int)byteStart + byteLength));
            var line = 0;
            var lineStart = 0;
            for (var i = 0; i < start && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return Place.At(line, start - lineStart, end - start, start);
        }

        private int LineOffset(int line)
        {
            var offset = 0;
            for (var seen = 0; seen < line && offset < _text.Length; offset++)
            {
                if (_text[offset] == '\n')
                    seen++;
            }

            return Math.Min(offset, _text.Length);
        }

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            var sentence = end > 0 ? message.Substring(0, end) : message.TrimEnd('.');
            // The reader's message ends with its own zero-based position, which the diagnostic already gives one-based.
            var position = sentence.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return position > 0 ? sentence.Substring(0, position).TrimEnd(' ', '|') : sentence;
        }
    }
}

/// <summary>One object of <c>promptlint.json</c>: the defaults, or the entry of a member or a call site.</summary>
internal sealed class TrafficEntry
{
    private readonly Dictionary<string, TrafficPart> _parts = new(StringComparer.Ordinal);

    public TrafficEntry(string key, Place place, bool isDefaults)
    {
        Key = key;
        Place = place;
        IsDefaults = isDefaults;
        MemberKey = "";
    }

    /// <summary>The key as written.</summary>
    public string Key { get; }

    public Place Place { get; }

    public bool IsDefaults { get; }

    /// <summary>The member part of the key without whitespace and without <c>#N</c>.</summary>
    public string MemberKey { get; set; }

    /// <summary>True when the key has a parameter list, so it names one overload.</summary>
    public bool HasParameters => MemberKey.IndexOf('(') >= 0;

    /// <summary>The N of <c>#N</c>: the call site's position in its member, from 1; null for a member entry.</summary>
    public int? Ordinal { get; set; }

    public long? CallsPerMonth { get; set; }

    /// <summary>Tokens assumed for each dynamic part not named in <see cref="Parts"/>.</summary>
    public int? DynamicTokens { get; set; }

    public int? OutputTokens { get; set; }

    public decimal? CacheHitRate { get; set; }

    /// <summary>Token counts of named dynamic parts, keyed by name without whitespace.</summary>
    public IReadOnlyDictionary<string, TrafficPart> Parts => _parts;

    public void AddPart(string key, string name, int tokens, Place place) => _parts[key] = new TrafficPart(name, tokens, place);
}

internal sealed class TrafficPart
{
    public TrafficPart(string name, int tokens, Place place)
    {
        Name = name;
        Tokens = tokens;
        Place = place;
    }

    public string Name { get; }

    public int Tokens { get; }

    public Place Place { get; }
}

/// <summary>A place in a configuration file: zero-based line and column, length and offset in characters.</summary>
internal readonly struct Place
{
    private Place(int line, int column, int length, int offset)
    {
        Line = line;
        Column = column;
        Length = length;
        Offset = offset;
    }

    public int Line { get; }

    public int Column { get; }

    public int Length { get; }

    public int Offset { get; }

    public static Place At(int line, int column, int length, int offset) => new(line, column, length, offset);
}

/// <summary>A problem with the traffic and assumptions file: where, what, and what PromptLint does about it.</summary>
internal sealed class TrafficProblem
{
    public TrafficProblem(string path, Place? place, string message, string consequence)
    {
        Path = path;
        Place = place;
        Message = message;
        Consequence = consequence;
    }

    public string Path { get; }

    /// <summary>Where in the file; null when the file could not be read at all.</summary>
    public Place? Place { get; }

    public string Message { get; }

    public string Consequence { get; }
}
