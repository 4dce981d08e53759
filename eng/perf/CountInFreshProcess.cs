#!/usr/bin/env dotnet
// What a first compile's token counting costs on its own: in a fresh process, with tiered JIT as in the compiler, loads
// PromptLint.Core and the netstandard2.0 build of Microsoft.ML.Tokenizers from the analyzers' Release output (the
// assemblies the package gives the compiler) in their own load context, then counts every prompt of the synthetic
// project once with TokenCounter, on one thread or several. Prints the load and the counting, wall and CPU time.
// Usage: eng/perf/measure-build.sh 1 && dotnet build src/PromptLint.Analyzers -c Release
//        dotnet run eng/perf/CountInFreshProcess.cs -- [threads=1] [project=artifacts/perf/with]
#:property PublishAot=false
using System.Diagnostics;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

var repoRoot = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
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

var context = new AssemblyLoadContext("analyzers");
context.Resolving += (c, name) => Path.Combine(folder, name.Name + ".dll") is var path && File.Exists(path) ? c.LoadFromAssemblyPath(path) : null;
var counter = context.LoadFromAssemblyPath(Path.Combine(folder, "PromptLint.Core.dll")).GetType("PromptLint.Core.Tokens.TokenCounter")!;
var count = counter.GetMethod("Count", [typeof(string), typeof(string)])!.CreateDelegate<Func<string, string, int>>();

var process = Process.GetCurrentProcess();
var clock = Stopwatch.StartNew();
var cpu = process.TotalProcessorTime;
count("hello", "o200k_base");
process.Refresh();
Console.WriteLine($"o200k_base load: {clock.ElapsedMilliseconds} ms, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU");

clock.Restart();
cpu = process.TotalProcessorTime;
var workers = Enumerable.Range(0, threads)
    .Select(worker => Task.Run(() =>
    {
        long tokens = 0;
        for (var i = worker; i < prompts.Length; i += threads)
            tokens += count(prompts[i], "o200k_base");
        return tokens;
    }))
    .ToArray();
Task.WaitAll(workers);
process.Refresh();
Console.WriteLine($"counting {prompts.Length} prompts ({prompts.Sum(static p => (long)p.Length):N0} characters, {workers.Sum(static w => w.Result):N0} tokens) "
    + $"on {threads} thread(s): {clock.ElapsedMilliseconds} ms, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU");
return 0;
