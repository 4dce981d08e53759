#!/usr/bin/env dotnet
// Writes a call-site log with as many records as asked, copied in turn from the records of a real log, each copy under
// a member name of its own, so that the cost report task can be timed on more call sites than a project that compiles
// can hold (1,000 of the synthetic project's prompts exceed the compiler's 16 MB limit for string literals, CS8103).
// The totals are the report writer's to compute; the task recomputes them from the records.
// Usage: dotnet run eng/perf/CopyCallSites.cs -- <callsites.json> <records> [output=the same file]
#:property PublishAot=false
using System.Text.Json;
using System.Text.Json.Nodes;

if (args.Length < 2 || !int.TryParse(args[1], out var wanted) || wanted < 1)
{
    Console.Error.WriteLine("Usage: dotnet run eng/perf/CopyCallSites.cs -- <callsites.json> <records> [output]");
    return 2;
}

var log = JsonNode.Parse(File.ReadAllText(args[0]))!.AsObject();
var records = log["callSites"]!.AsArray().Select(static r => r!).ToList();
if (records.Count == 0)
{
    Console.Error.WriteLine($"{args[0]} has no call-site records to copy.");
    return 1;
}

var copies = new JsonArray();
for (var i = 0; i < wanted; i++)
{
    var copy = records[i % records.Count].DeepClone().AsObject();
    var member = (string)copy["member"]!;
    var open = member.IndexOf('(');
    copy["member"] = open < 0 ? $"{member}Copy{i:D4}" : $"{member[..open]}Copy{i:D4}{member[open..]}";
    copies.Add(copy);
}

log["callSites"] = copies;
File.WriteAllText(args.Length > 2 ? args[2] : args[0], log.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"{wanted} call-site records written from {records.Count}.");
return 0;
