#!/usr/bin/env dotnet
// What a first compile's token counting costs on its own: in a fresh process, with tiered JIT as in the compiler, loads
// PromptLint.Core and the netstandard2.0 build of Microsoft.ML.Tokenizers from the analyzers' Release output (the
// assemblies the package gives the compiler) in their own load context, then counts every prompt of the synthetic
// project once with TokenCounter, on one thread or several. Prints the load and the counting: wall and CPU time, the
// bytes allocated and the collections of each generation, and with --types the types that took the most of those bytes
// (sampled by the runtime every 100 KB or so). Run it with DOTNET_gcServer=1 for the compiler's garbage collector.
// With --net8-tokenizer, Microsoft.ML.Tokenizers is the package's net8.0 build from the NuGet cache instead: what a
// first count would cost if the compiler could load that build. With --second it then counts every prompt again with a
// marker before it: texts TokenCounter has not seen, on code the JIT has compiled and with most words in the
// tokenizer's word cache, what the same count costs once the library is warm.
// Usage: eng/perf/measure-build.sh 1 && dotnet build src/PromptLint.Analyzers -c Release
//        dotnet run eng/perf/CountInFreshProcess.cs -- [threads=1] [project=artifacts/perf/with] [--types] [--net8-tokenizer] [--second]
#:property PublishAot=false
using System.Diagnostics;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

var repoRoot = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var byType = args.Contains("--types");
var net8Tokenizer = args.Contains("--net8-tokenizer");
var second = args.Contains("--second");
args = args.Where(static a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var threads = args.Length > 0 ? int.Parse(args[0]) : 1;
var project = args.Length > 1 ? args[1] : Path.Combine(repoRoot, "artifacts", "perf", "with");
var folder = Path.Combine(repoRoot, "src", "PromptLint.Analyzers", "bin", "Release", "netstandard2.0");
if (!File.Exists(Path.Combine(folder, "PromptLint.Core.dll")) || !Directory.Exists(project))
{
    Console.Error.WriteLine($"Build the analyzers (dotnet build src/PromptLint.Analyzers -c Release) and the synthetic project (eng/perf/measure-build.sh 1) first.");
    return 1;
}

// The prompt constants as the generator writes them: one `private const string Prompt = "...";` per file with a call.
var prompts = Directory.GetFiles(project, "*.cs")
    .Select(static path => Regex.Match(File.ReadAllText(path), "private const string Prompt = \"(.*?)\";"))
    .Where(static match => match.Success)
    .Select(static match => match.Groups[1].Value)
    .ToArray();

var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
var net8Build = Path.Combine(packages, "microsoft.ml.tokenizers", "2.0.0", "lib", "net8.0", "Microsoft.ML.Tokenizers.dll");
if (net8Tokenizer && !File.Exists(net8Build))
{
    Console.Error.WriteLine($"The net8.0 build of Microsoft.ML.Tokenizers 2.0.0 is not in the NuGet cache ({net8Build}); build the benchmarks first.");
    return 1;
}

var context = new AssemblyLoadContext("analyzers");
context.Resolving += (c, name) =>
    net8Tokenizer && name.Name == "Microsoft.ML.Tokenizers" ? c.LoadFromAssemblyPath(net8Build)
    : Path.Combine(folder, name.Name + ".dll") is var path && File.Exists(path) ? c.LoadFromAssemblyPath(path) : null;
var counter = context.LoadFromAssemblyPath(Path.Combine(folder, "PromptLint.Core.dll")).GetType("PromptLint.Core.Tokens.TokenCounter")!;
var count = counter.GetMethod("Count", [typeof(string), typeof(string)])!.CreateDelegate<Func<string, string, int>>();

using var allocations = byType ? new AllocationSampler() : null;
var process = Process.GetCurrentProcess();
var clock = Stopwatch.StartNew();
var cpu = process.TotalProcessorTime;
var (allocated, collections) = Memory();
count("hello", "o200k_base");
process.Refresh();
Console.WriteLine($"o200k_base load: {clock.ElapsedMilliseconds} ms, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {Allocated()}");

CountAll("counting", prompts);
if (second)
    CountAll("counting again", prompts.Select(static p => "2nd " + p).ToArray());
allocations?.Print();
return 0;

void CountAll(string what, string[] texts)
{
    clock.Restart();
    cpu = process.TotalProcessorTime;
    (allocated, collections) = Memory();
    var workers = Enumerable.Range(0, threads)
        .Select(worker => Task.Run(() =>
        {
            long tokens = 0;
            for (var i = worker; i < texts.Length; i += threads)
                tokens += count(texts[i], "o200k_base");
            return tokens;
        }))
        .ToArray();
    Task.WaitAll(workers);
    process.Refresh();
    Console.WriteLine($"{what} {texts.Length} prompts ({texts.Sum(static p => (long)p.Length):N0} characters, {workers.Sum(static w => w.Result):N0} tokens) "
        + $"on {threads} thread(s): {clock.ElapsedMilliseconds} ms, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {Allocated()}");
}

static (long Bytes, int[] Collections) Memory() =>
    (GC.GetTotalAllocatedBytes(precise: true), [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)]);

string Allocated()
{
    var (bytes, now) = Memory();
    return $"{(bytes - allocated) / 1e6:F1} MB allocated, collections gen0 {now[0] - collections[0]}, gen1 {now[1] - collections[1]}, gen2 {now[2] - collections[2]}";
}

/// <summary>The runtime's allocation ticks (one every 100 KB or so of a type), summed by type.</summary>
sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null || e.PayloadNames is null)
            return;

        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var bytes = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
        lock (_bytes)
            _bytes[type] = _bytes.GetValueOrDefault(type) + bytes;
    }

    public void Print()
    {
        lock (_bytes)
        {
            foreach (var (type, bytes) in _bytes.OrderByDescending(static t => t.Value).Take(8))
                Console.WriteLine($"{bytes / 1e6,8:F1} MB  {type}");
        }
    }
}
