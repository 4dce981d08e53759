using BenchmarkDotNet.Attributes;
using PromptLint.Core.Catalog;

namespace PromptLint.Benchmarks;

/// <summary>Parsing the built-in catalog (models.json, embedded in PromptLint.Core) and looking models up in it.</summary>
[Config(typeof(ShortRunConfig))]
[BenchmarkCategory("Catalog")]
public class CatalogBenchmarks
{
    private const string BedrockName = "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private string _json = null!;
    private ModelCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("PromptLint.Core.models.json")
            ?? throw new InvalidOperationException("models.json is not embedded in PromptLint.Core.");
        using var reader = new StreamReader(stream);
        _json = reader.ReadToEnd();
        _catalog = ModelCatalog.BuiltIn;
        if (!_catalog.TryFind("gpt-4o-mini", out _) || !_catalog.TryFind(BedrockName, out _))
            throw new InvalidOperationException("The lookups below no longer find their models; update the benchmark.");
    }

    [Benchmark(Description = "Parse models.json")]
    public ModelCatalog? Parse() => ModelCatalog.Parse(_json, "built-in", []);

    [Benchmark(Description = "TryFind by id")]
    public bool FindById() => _catalog.TryFind("gpt-4o-mini", out _);

    [Benchmark(Description = "TryFind by alias")]
    public bool FindByAlias() => _catalog.TryFind("gpt-4o-2024-08-06", out _);

    [Benchmark(Description = "TryFind by platform name (Bedrock)")]
    public bool FindByPlatformName() => _catalog.TryFind(BedrockName, out _);

    [Benchmark(Description = "TryFind unknown model")]
    public bool FindUnknown() => _catalog.TryFind("my-fine-tune-2026", out _);
}
