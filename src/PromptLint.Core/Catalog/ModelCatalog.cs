using System.Text.Json;

namespace PromptLint.Core.Catalog;

/// <summary>
/// The models PromptLint knows, with their prices and limits. The built-in catalog ships inside the package;
/// a user's catalog file can extend it or replace it.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> s_builtIn = new(LoadBuiltIn);
    private static readonly string[] s_platformPrefixes =
    {
        "azure_ai/", "azure/", "vertex_ai/", "gemini/", "openai/", "anthropic/", "bedrock/",
    };
    private static readonly string[] s_bedrockRegions = { "us.", "eu.", "apac.", "jp.", "au.", "global." };

    private readonly Dictionary<string, ModelInfo> _byId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ModelInfo?> _cheapest = new(StringComparer.OrdinalIgnoreCase);

    private ModelCatalog(IReadOnlyList<ModelInfo> models, string asOf, string priceDataAsOf, string source)
    {
        Models = models;
        AsOf = asOf;
        PriceDataAsOf = priceDataAsOf;
        Source = source;
        _byId = new Dictionary<string, ModelInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            _byId[model.Id] = model;
            foreach (var alias in model.Aliases)
            {
                if (!_byId.ContainsKey(alias))
                    _byId[alias] = model;
            }
        }
    }

    /// <summary>The catalog that ships inside PromptLint.</summary>
    public static ModelCatalog BuiltIn => s_builtIn.Value;

    /// <summary>Every model, in catalog order.</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>The date the catalog was assembled.</summary>
    public string AsOf { get; }

    /// <summary>The date of the price data the catalog was built from.</summary>
    public string PriceDataAsOf { get; }

    /// <summary>Where the catalog came from: <c>built-in</c> or a file path.</summary>
    public string Source { get; }

    /// <summary>
    /// Finds a model by id or alias, after removing platform naming (Bedrock region and vendor prefixes and version
    /// suffixes, Vertex <c>@date</c> suffixes, litellm-style provider prefixes). Never guesses beyond that: a dated
    /// snapshot that is not listed as an alias is not found.
    /// </summary>
    public bool TryFind(string? modelId, out ModelInfo model)
    {
        model = null!;
        if (modelId is null || string.IsNullOrWhiteSpace(modelId))
            return false;

        var id = modelId.Trim();
        if (_byId.TryGetValue(id, out model!))
            return true;

        var normalized = Normalize(id);
        return _byId.TryGetValue(normalized, out model!);
    }

    /// <summary>
    /// The cheapest active model of a provider by output then input price, for suggestions; deprecated, retired and
    /// legacy models are left out, since nobody should be moved onto one. Null when the provider has no active model.
    /// </summary>
    public ModelInfo? CheapestOf(string provider) =>
        _cheapest.GetOrAdd(provider, p => Models
            .Where(m => string.Equals(m.Provider, p, StringComparison.OrdinalIgnoreCase)
                && string.Equals(m.Status, "active", StringComparison.OrdinalIgnoreCase))
            .OrderBy(static m => m.OutputPerMTok)
            .ThenBy(static m => m.InputPerMTok)
            .FirstOrDefault());

    /// <summary>
    /// Reads a catalog from JSON text. Problems are collected, never thrown: a model entry with a problem is left
    /// out and the rest are kept; a file that does not parse yields no catalog.
    /// </summary>
    public static ModelCatalog? Parse(string json, string filePath, List<CatalogProblem> problems) =>
        Parse(json, filePath, problems, out _);

    /// <summary>
    /// Reads a user's catalog and puts it over <paramref name="baseCatalog"/>: its models replace those of the
    /// same id and add the others, unless the file sets <c>"replaceBuiltIn": true</c>.
    /// </summary>
    public static ModelCatalog Overlay(ModelCatalog baseCatalog, string json, string filePath, List<CatalogProblem> problems)
    {
        var user = Parse(json, filePath, problems, out var replaceBuiltIn);
        if (user is null)
            return baseCatalog;

        if (replaceBuiltIn)
            return user;

        var merged = baseCatalog.Models.ToDictionary(static m => m.Id, StringComparer.OrdinalIgnoreCase);
        var order = baseCatalog.Models.Select(static m => m.Id).ToList();
        foreach (var model in user.Models)
        {
            if (!merged.ContainsKey(model.Id))
                order.Add(model.Id);
            merged[model.Id] = model;
        }

        var asOf = user.AsOf.Length > 0 ? user.AsOf : baseCatalog.AsOf;
        var priceDate = user.PriceDataAsOf.Length > 0 ? user.PriceDataAsOf : baseCatalog.PriceDataAsOf;
        return new ModelCatalog(order.Select(id => merged[id]).ToList(), asOf, priceDate, filePath);
    }

    internal static string Normalize(string modelId)
    {
        var id = modelId.Trim().ToLowerInvariant();
        foreach (var prefix in s_platformPrefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                id = id.Substring(prefix.Length);
                break;
            }
        }

        foreach (var region in s_bedrockRegions)
        {
            if (id.StartsWith(region + "anthropic.", StringComparison.Ordinal))
            {
                id = id.Substring(region.Length);
                break;
            }
        }

        // Bedrock: anthropic.claude-opus-4-6-v1 and anthropic.claude-sonnet-4-5-20250929-v1:0.
        if (id.StartsWith("anthropic.", StringComparison.Ordinal))
            id = StripBedrockVersion(id.Substring("anthropic.".Length));

        var at = id.IndexOf('@');
        if (at > 0)
            id = id.Substring(0, at);

        return id;
    }

    private static string StripBedrockVersion(string id)
    {
        var suffix = id.LastIndexOf("-v", StringComparison.Ordinal);
        if (suffix <= 0)
            return id;

        var version = id.Substring(suffix + 2);
        var colon = version.IndexOf(':');
        var major = colon < 0 ? version : version.Substring(0, colon);
        var minor = colon < 0 ? "0" : version.Substring(colon + 1);
        return IsDigits(major) && IsDigits(minor) ? id.Substring(0, suffix) : id;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(static c => c >= '0' && c <= '9');

    private static Stream OpenBuiltIn() =>
        typeof(ModelCatalog).Assembly.GetManifestResourceStream("PromptLint.Core.models.json")
            ?? throw new InvalidOperationException("The built-in model catalog is missing from PromptLint.Core.");

    private static ModelCatalog LoadBuiltIn()
    {
        using var stream = OpenBuiltIn();
        using var reader = new StreamReader(stream);
        var problems = new List<CatalogProblem>();
        var catalog = Parse(reader.ReadToEnd(), "built-in", problems, out _);
        if (catalog is null || problems.Count > 0)
            throw new InvalidOperationException("The built-in model catalog is invalid: " + string.Join("; ", problems));

        return catalog;
    }

    private static ModelCatalog? Parse(string json, string filePath, List<CatalogProblem> problems, out bool replaceBuiltIn)
    {
        replaceBuiltIn = false;
        var utf8 = JsonLineIndex.ToUtf8(json);
        JsonDocument document;
        JsonLineIndex lines;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            lines = JsonLineIndex.Build(utf8);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? -1) + 1;
            problems.Add(new CatalogProblem(filePath, line, ex.Path ?? "$", "the file is not valid JSON: " + FirstSentence(ex.Message)));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new CatalogProblem(filePath, 1, "$", "the catalog must be a JSON object with a 'models' array"));
                return null;
            }

            if (root.TryGetProperty("replaceBuiltIn", out var replace) && replace.ValueKind == JsonValueKind.True)
                replaceBuiltIn = true;

            if (!root.TryGetProperty("models", out var modelsElement) || modelsElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new CatalogProblem(filePath, lines.ModelsLine, "models", "the catalog has no 'models' array"));
                return null;
            }

            var models = new List<ModelInfo>();
            var index = 0;
            foreach (var element in modelsElement.EnumerateArray())
            {
                var reader = new EntryReader(element, index, filePath, lines, problems);
                var model = reader.Read();
                if (model is not null)
                    models.Add(model);
                index++;
            }

            return new ModelCatalog(models, StringOrEmpty(root, "asOf"), StringOrEmpty(root, "priceDataAsOf"), filePath);
        }
    }

    private static string StringOrEmpty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message.Substring(0, end) : message.TrimEnd('.');
    }

    private sealed class EntryReader
    {
        private readonly JsonElement _element;
        private readonly int _index;
        private readonly string _filePath;
        private readonly JsonLineIndex _lines;
        private readonly List<CatalogProblem> _problems;
        private bool _failed;

        public EntryReader(JsonElement element, int index, string filePath, JsonLineIndex lines, List<CatalogProblem> problems)
        {
            _element = element;
            _index = index;
            _filePath = filePath;
            _lines = lines;
            _problems = problems;
        }

        public ModelInfo? Read()
        {
            if (_element.ValueKind != JsonValueKind.Object)
            {
                Fail(null, "each model must be a JSON object");
                return null;
            }

            var model = new ModelInfo
            {
                Id = RequiredString("id"),
                Provider = RequiredString("provider"),
                Tier = OptionalString("tier") ?? "standard",
                InputPerMTok = RequiredPrice("inputPerMTok"),
                OutputPerMTok = RequiredPrice("outputPerMTok"),
                CacheReadPerMTok = OptionalPrice("cacheReadPerMTok"),
                CacheWritePerMTok = OptionalPrice("cacheWritePerMTok"),
                CacheWrite1hPerMTok = OptionalPrice("cacheWrite1hPerMTok"),
                MinCacheableTokens = OptionalCount("minCacheableTokens"),
                MaxOutputTokens = RequiredCount("maxOutputTokens"),
                ContextWindow = RequiredCount("contextWindow"),
                Aliases = StringArray("aliases"),
                Status = OptionalString("status") ?? "active",
            };

            ReadTokenizer(model);
            return _failed ? null : model;
        }

        private void ReadTokenizer(ModelInfo model)
        {
            var tokenizer = OptionalString("tokenizer") ?? TokenEncodings.O200kBase;
            if (IsPublicEncoding(tokenizer))
            {
                model.Encoding = tokenizer;
                model.TokensAreExact = true;
                model.TokenMultiplier = 1m;
                return;
            }

            // No public tokenizer here (Claude), or one ML.Tokenizers does not ship (Gemini's SentencePiece):
            // count with the stated public stand-in and mark the figure as an approximation.
            var approx = OptionalString("tokenizerApprox") ?? TokenEncodings.O200kBase;
            if (!IsPublicEncoding(approx))
                approx = TokenEncodings.O200kBase;

            model.Encoding = approx;
            model.TokensAreExact = false;
            model.TokenMultiplier = OptionalPrice("tokenizerApproxMultiplier") ?? 1m;
        }

        private static bool IsPublicEncoding(string name) =>
            name == TokenEncodings.O200kBase || name == TokenEncodings.Cl100kBase;

        private string RequiredString(string field)
        {
            if (_element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString()!;
            }

            Fail(field, Has(field) ? $"'{field}' must be a non-empty string" : $"the required field '{field}' is missing");
            return "";
        }

        private string? OptionalString(string field)
        {
            if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;

            if (value.ValueKind == JsonValueKind.String)
                return value.GetString();

            Fail(field, $"'{field}' must be a string");
            return null;
        }

        private decimal RequiredPrice(string field)
        {
            if (!Has(field))
            {
                Fail(field, $"the required field '{field}' is missing");
                return 0;
            }

            if (_element.GetProperty(field).ValueKind == JsonValueKind.Null)
            {
                Fail(field, $"'{field}' must be a number, not null");
                return 0;
            }

            return OptionalPrice(field) ?? 0;
        }

        private decimal? OptionalPrice(string field)
        {
            if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= 0)
                return number;

            Fail(field, $"'{field}' must be a number of zero or more, but is {Describe(value)}");
            return null;
        }

        private int RequiredCount(string field)
        {
            if (!Has(field))
            {
                Fail(field, $"the required field '{field}' is missing");
                return 0;
            }

            if (_element.GetProperty(field).ValueKind == JsonValueKind.Null)
            {
                Fail(field, $"'{field}' must be a whole number, not null");
                return 0;
            }

            var count = OptionalCount(field);
            if (count is 0)
                Fail(field, $"'{field}' must be a whole number above zero");

            return count ?? 0;
        }

        private int? OptionalCount(string field)
        {
            if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0)
                return number;

            Fail(field, $"'{field}' must be a whole number of zero or more, but is {Describe(value)}");
            return null;
        }

        private IReadOnlyList<string> StringArray(string field)
        {
            if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return Array.Empty<string>();

            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(static v => v.ValueKind == JsonValueKind.String))
                return value.EnumerateArray().Select(static v => v.GetString()!).ToArray();

            Fail(field, $"'{field}' must be an array of strings");
            return Array.Empty<string>();
        }

        private bool Has(string field) => _element.TryGetProperty(field, out _);

        private void Fail(string? field, string message)
        {
            _failed = true;
            var id = _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty("id", out var idValue)
                && idValue.ValueKind == JsonValueKind.String ? $" (model '{idValue.GetString()}')" : "";
            var path = field is null ? $"models[{_index}]" : $"models[{_index}].{field}";
            _problems.Add(new CatalogProblem(_filePath, _lines.LineOf(_index, field), path, message + id));
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{value.GetString()}\"",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => "a " + value.ValueKind.ToString().ToLowerInvariant(),
        };
    }
}
