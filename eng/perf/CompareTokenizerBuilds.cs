#!/usr/bin/env dotnet
// Compares the two builds of Microsoft.ML.Tokenizers on the same texts: the net8.0 build, which the benchmarks use,
// and the netstandard2.0 build, which the compiler loads from the PromptLint package (the analyzers target
// netstandard2.0, so the package ships that build). The netstandard2.0 build runs in its own load context, taken from
// the analyzers' Release output.
// Usage: dotnet build src/PromptLint.Analyzers -c Release && dotnet run eng/perf/CompareTokenizerBuilds.cs
#:package Microsoft.ML.Tokenizers@2.0.0
#:package Microsoft.ML.Tokenizers.Data.O200kBase@2.0.0
#:property TieredCompilation=false
#:property PublishAot=false
using System.Diagnostics;
using System.Runtime.Loader;
using System.Text;

var repoRoot = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var folder = Path.Combine(repoRoot, "src", "PromptLint.Analyzers", "bin", "Release", "netstandard2.0");
if (!File.Exists(Path.Combine(folder, "Microsoft.ML.Tokenizers.dll")))
{
    Console.Error.WriteLine($"Build the analyzers first: dotnet build src/PromptLint.Analyzers -c Release ({folder})");
    return 1;
}

// The netstandard2.0 build and its dependencies, isolated from the net8.0 build this program references.
var context = new AssemblyLoadContext("netstandard2.0");
context.Resolving += (c, name) => Path.Combine(folder, name.Name + ".dll") is var path && File.Exists(path) ? c.LoadFromAssemblyPath(path) : null;
var assembly = context.LoadFromAssemblyPath(Path.Combine(folder, "Microsoft.ML.Tokenizers.dll"));
context.LoadFromAssemblyPath(Path.Combine(folder, "Microsoft.ML.Tokenizers.Data.O200kBase.dll"));
var type = assembly.GetType("Microsoft.ML.Tokenizers.TiktokenTokenizer")!;

var clock = Stopwatch.StartNew();
var create = type.GetMethods().First(static m => m.Name == "CreateForEncoding");
var standard = create.Invoke(null, create.GetParameters().Select(static (p, i) => i == 0 ? "o200k_base" : p.DefaultValue).ToArray())!;
var countStandard = type.BaseType!.GetMethods().First(static m => m.Name == "CountTokens" && m.GetParameters()[0].ParameterType == typeof(string));
Console.WriteLine($"netstandard2.0 build: o200k_base loaded in {clock.ElapsedMilliseconds} ms");

clock.Restart();
var modern = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base");
Console.WriteLine($"net8.0 build:         o200k_base loaded in {clock.ElapsedMilliseconds} ms");

// Texts of made-up words with punctuation (the benchmarks' "varied" corpus): 60 texts of 20,000 characters.
var random = new Random(42);
var syllables = "ka lo mi ne ra tu vo shi pre con tion ment al ing er ly un re de in ex pro ver sta qua".Split(' ');
var texts = Enumerable.Range(0, 60).Select(_ =>
{
    var text = new StringBuilder();
    while (text.Length < 20_000)
    {
        for (var s = 0; s < 1 + random.Next(4); s++)
            text.Append(syllables[random.Next(syllables.Length)]);
        text.Append(random.Next(10) == 0 ? ". " : " ");
    }

    return text.ToString();
}).ToArray();

for (var round = 0; round < 5; round++)
{
    // Each round counts texts neither build has seen, alternating the builds.
    var forStandard = texts.Select(t => $"a{round} {t}").ToArray();
    var forModern = texts.Select(t => $"b{round} {t}").ToArray();
    var arguments = countStandard.GetParameters().Select(static p => p.DefaultValue).ToArray();

    clock.Restart();
    long standardTokens = 0;
    foreach (var text in forStandard)
    {
        arguments[0] = text;
        standardTokens += (int)countStandard.Invoke(standard, arguments)!;
    }

    var standardTime = clock.ElapsedMilliseconds;
    clock.Restart();
    long modernTokens = 0;
    foreach (var text in forModern)
        modernTokens += modern.CountTokens(text);

    Console.WriteLine($"round {round}: netstandard2.0 {standardTime} ms, net8.0 {clock.ElapsedMilliseconds} ms "
        + $"({standardTokens:N0} and {modernTokens:N0} tokens of 1.2 MB)");
}

return 0;
