using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Configuration;

/// <summary>Where a figure comes from, from the most specific to the least; the report writes the names.</summary>
internal enum AssumptionSource
{
    CallSite,
    Member,
    Project,
    EditorConfig,
    Default,
}

/// <summary>
/// The entries of one compilation's traffic file, found by member, and which of them matched a call site, so that
/// the keys no call site has can be reported once the compilation is done.
/// </summary>
internal sealed class TrafficIndex
{
    public static readonly TrafficIndex Empty = new(TrafficFile.None);

    private readonly Dictionary<string, List<TrafficEntry>> _byMember = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TrafficEntry, byte> _used = new();
    private readonly ConcurrentDictionary<TrafficEntry, int> _callSitesOfMember = new();
    private readonly ConcurrentDictionary<(TrafficEntry Entry, string Part), byte> _usedParts = new();

    public TrafficIndex(TrafficFile file)
    {
        File = file;
        foreach (var entry in file.Entries)
        {
            if (!_byMember.TryGetValue(entry.MemberKey, out var list))
                _byMember[entry.MemberKey] = list = new List<TrafficEntry>();
            list.Add(entry);
        }

        HasOrdinals = file.Entries.Any(static e => e.Ordinal is not null);
    }

    public TrafficFile File { get; }

    public bool IsEmpty => File.IsEmpty;

    public bool HasOrdinals { get; }

    /// <summary>
    /// The entries that apply to a call site, most specific first: <c>#N</c> entries before member entries, an
    /// overload's entry before the entry of every overload; then the project defaults.
    /// </summary>
    /// <param name="member">The member the call is in.</param>
    /// <param name="ordinal">Its position among the call sites of the member, computed only when an entry asks.</param>
    public IReadOnlyList<TrafficEntry> Match(ISymbol? member, Func<(int Ordinal, int Count)> ordinal)
    {
        var matched = new List<TrafficEntry>();
        if (member is not null && _byMember.Count > 0)
        {
            (int Ordinal, int Count)? position = null;
            foreach (var name in MemberNames(member))
            {
                if (!_byMember.TryGetValue(name, out var entries))
                    continue;

                foreach (var entry in entries)
                {
                    if (entry.Ordinal is { } wanted)
                    {
                        position ??= ordinal();
                        _callSitesOfMember.AddOrUpdate(entry, position.Value.Count, (_, seen) => Math.Max(seen, position.Value.Count));
                        if (wanted != position.Value.Ordinal)
                            continue;
                    }

                    if (!matched.Contains(entry))
                        matched.Add(entry);
                    _used.TryAdd(entry, 0);
                }
            }

            // Most specific first; between equals (with and without the namespace) the longer key.
            matched.Sort(static (a, b) => Specificity(b) != Specificity(a)
                ? Specificity(b).CompareTo(Specificity(a))
                : b.MemberKey.Length.CompareTo(a.MemberKey.Length));
        }

        if (File.Defaults is { } defaults)
            matched.Add(defaults);

        return matched;
    }

    public void NotePartUsed(TrafficEntry entry, string part) => _usedParts.TryAdd((entry, part), 0);

    /// <summary>Entries and named parts that matched nothing in the compilation; only meaningful once it is done.</summary>
    public IEnumerable<TrafficProblem> Unmatched()
    {
        foreach (var entry in File.Entries)
        {
            if (_used.ContainsKey(entry))
                continue;

            if (entry.Ordinal is { } wanted && _callSitesOfMember.TryGetValue(entry, out var count))
            {
                yield return new TrafficProblem(
                    File.Path,
                    entry.Place,
                    $"'{entry.Key}' asks for call site #{wanted}, but '{entry.MemberKey}' has {(count == 1 ? "only 1 call site" : $"only {count} call sites")}",
                    "PromptLint ignores this entry");
                continue;
            }

            yield return new TrafficProblem(
                File.Path,
                entry.Place,
                $"'{entry.Key}' matches no call site in this project (keys are members as the cost report writes them, "
                + "such as 'AnswerWriter.WriteAsync')",
                "PromptLint ignores this entry");
        }

        foreach (var entry in File.Entries.Where(e => _used.ContainsKey(e)).Concat(File.Defaults is { } d ? new[] { d } : Array.Empty<TrafficEntry>()))
        {
            foreach (var part in entry.Parts)
            {
                if (_usedParts.ContainsKey((entry, part.Key)))
                    continue;

                var where = entry.IsDefaults ? "any call site of this project" : $"the call sites of '{entry.Key}'";
                yield return new TrafficProblem(
                    File.Path,
                    part.Value.Place,
                    $"the dynamic part '{part.Value.Name}' matches no part of the prompt of {where} (a part is named by the "
                    + "parameter, local, field, property or method it reads, or by its expression)",
                    "PromptLint ignores it");
            }
        }
    }

    private static int Specificity(TrafficEntry entry) => (entry.Ordinal is null ? 0 : 2) + (entry.HasParameters ? 1 : 0);

    /// <summary>
    /// The member as the cost report names it, its identity with the call's ordinal: the containing namespace, the
    /// containing types and the member with its parameter list, such as
    /// <c>SupportBot.AnswerWriter.WriteAsync(string, int)</c>; a type in the global namespace has no prefix.
    /// </summary>
    public static string QualifiedName(ISymbol member)
    {
        var name = member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        return member.ContainingType?.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + name
            : name;
    }

    /// <summary>
    /// The keys a member answers to: as the cost report writes it (<c>AnswerWriter.WriteAsync(string, int)</c>), without
    /// the parameter list, without type parameters, and each of these with the namespace in front.
    /// </summary>
    public static IEnumerable<string> MemberNames(ISymbol member)
    {
        var full = TrafficFile.Normalize(member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
        var paren = full.IndexOf('(');
        var name = paren < 0 ? full : full.Substring(0, paren);
        var plain = WithoutTypeParameters(name);

        var names = new List<string> { full };
        if (name != full)
            names.Add(name);
        if (plain != name)
            names.Add(plain);

        if (member.ContainingType?.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            var prefix = TrafficFile.Normalize(ns.ToDisplayString()) + ".";
            names.AddRange(names.ToList().Select(n => prefix + n));
        }

        return names;
    }

    private static string WithoutTypeParameters(string name)
    {
        if (!name.EndsWith(">", StringComparison.Ordinal))
            return name;

        var depth = 0;
        for (var i = name.Length - 1; i >= 0; i--)
        {
            if (name[i] == '>')
                depth++;
            else if (name[i] == '<' && --depth == 0)
                return name.Substring(0, i);
        }

        return name;
    }
}

/// <summary>
/// What PromptLint assumes for one call site: its traffic, the size of its dynamic parts, its output where no cap
/// is set, and its cache hit rate; from its <c>#N</c> entry, then its member's entry, then the file's defaults, then
/// the <c>.editorconfig</c> options, then the built-in values.
/// </summary>
internal sealed class CallAssumptions
{
    private readonly IReadOnlyList<TrafficEntry> _entries;
    private readonly PromptLintOptions _options;
    private readonly TrafficIndex _traffic;
    private readonly bool _anyParts;

    public CallAssumptions(IReadOnlyList<TrafficEntry> entries, PromptLintOptions options, TrafficIndex traffic)
    {
        _entries = entries;
        _options = options;
        _traffic = traffic;
        _anyParts = entries.Any(static e => e.Parts.Count > 0);

        foreach (var entry in entries)
        {
            if (CallsPerMonth is null && entry.CallsPerMonth is { } calls)
                (CallsPerMonth, TrafficSource) = (calls, SourceOf(entry));
            if (CacheHitRate is null && entry.CacheHitRate is { } rate)
                CacheHitRate = rate;
            if (OutputTokens is null && entry.OutputTokens is { } output)
                OutputTokens = output;
        }

        CacheHitRate ??= options.AssumedCacheHitRate;
        OutputTokens ??= options.AssumedOutputTokens;
    }

    /// <summary>What applies to a call site when there is no traffic file, or it says nothing about the call.</summary>
    public static CallAssumptions FromOptions(PromptLintOptions options) => new(Array.Empty<TrafficEntry>(), options, TrafficIndex.Empty);

    public long? CallsPerMonth { get; }

    /// <summary>Where <see cref="CallsPerMonth"/> comes from; null when no traffic is stated.</summary>
    public AssumptionSource? TrafficSource { get; }

    public decimal? CacheHitRate { get; }

    /// <summary>The output assumed when the call has no constant cap.</summary>
    public int? OutputTokens { get; }

    /// <summary>
    /// The tokens assumed for one dynamic part of the prompt, and where the figure comes from: the most specific entry
    /// that names the part or states a size for every part wins.
    /// </summary>
    public (int Tokens, AssumptionSource Source) DynamicTokens(PromptSegment part)
    {
        var names = _anyParts ? PartNames(part) : Array.Empty<string>();
        (int Tokens, AssumptionSource Source)? found = null;
        foreach (var entry in _entries)
        {
            // Every entry that names the part counts as matched, also when a more specific one wins.
            var named = NamedSize(entry, names);
            found ??= named is { } tokens ? (tokens, SourceOf(entry))
                : entry.DynamicTokens is { } each ? (each, SourceOf(entry))
                : null;
        }

        return found
            ?? (_options.AssumedDynamicTokens, _options.AssumedDynamicTokensStated ? AssumptionSource.EditorConfig : AssumptionSource.Default);
    }

    private int? NamedSize(TrafficEntry entry, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (entry.Parts.TryGetValue(name, out var stated))
            {
                _traffic.NotePartUsed(entry, name);
                return stated.Tokens;
            }
        }

        return null;
    }

    /// <summary>
    /// The names a dynamic part answers to: the parameter, local, field or property it reads, the method it calls, a
    /// Semantic Kernel template variable, and its expression as written, all without whitespace.
    /// </summary>
    public static IReadOnlyList<string> PartNames(PromptSegment part)
    {
        var names = new List<string>(3);
        if (part.HoleName is { } given)
            names.Add(TrafficFile.Normalize(given).TrimStart('$'));

        if (part.Hole is { } hole)
        {
            var symbolName = OperationFlow.Unwrap(hole) switch
            {
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.Name,
                IInvocationOperation invocation => invocation.TargetMethod.Name,
                _ => null,
            };
            if (symbolName is not null)
                names.Add(symbolName);

            var text = TrafficFile.Normalize(hole.Syntax.ToString());
            if (text.Length > 0 && !names.Contains(text))
                names.Add(text);
        }

        return names;
    }

    private static AssumptionSource SourceOf(TrafficEntry entry) =>
        entry.IsDefaults ? AssumptionSource.Project : entry.Ordinal is null ? AssumptionSource.Member : AssumptionSource.CallSite;
}
