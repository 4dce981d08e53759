namespace PromptLint.Analyzers.CallSites;

/// <summary>
/// What the code shows of the part of a request a provider cache reuses: whether it can be read from the cache at all,
/// where it ends, and how long the request asks the cache to keep it.
/// </summary>
internal sealed class CachedPrefix
{
    /// <summary>The constant start of the prompt, at the cache's default lifetime: what OpenAI and Gemini cache.</summary>
    public static readonly CachedPrefix ConstantStart = new(canBeCached: true, upTo: null, oneHour: false);

    /// <summary>Never read from the cache: an Anthropic request without a breakpoint that covers its constant start.</summary>
    public static readonly CachedPrefix None = new(canBeCached: false, upTo: null, oneHour: false);

    private CachedPrefix(bool canBeCached, IReadOnlyList<PromptSegment>? upTo, bool oneHour)
    {
        CanBeCached = canBeCached;
        UpTo = upTo;
        OneHour = oneHour;
    }

    public bool CanBeCached { get; }

    /// <summary>
    /// The prompt from its start to the last cache breakpoint, where the cache stops; null when the cache reuses the
    /// whole constant start. Only the constant start of these segments is cached, as for any prompt.
    /// </summary>
    public IReadOnlyList<PromptSegment>? UpTo { get; }

    /// <summary>True when the breakpoint asks for a one-hour lifetime, which Anthropic writes at a higher price.</summary>
    public bool OneHour { get; }

    /// <summary>A prefix that ends at a breakpoint (<paramref name="upTo"/> null: at the end of the constant start).</summary>
    public static CachedPrefix AtBreakpoint(IReadOnlyList<PromptSegment>? upTo, bool oneHour) => new(canBeCached: true, upTo, oneHour);
}
