using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

internal enum LlmSdk
{
    OpenAI,
    AzureOpenAI,
    Anthropic,
    ExtensionsAI,
    SemanticKernel,

    /// <summary>Betalgo's community OpenAI SDK (<c>Betalgo.Ranul.OpenAI</c>), which sends to OpenAI's Chat Completions API.</summary>
    Betalgo,

    /// <summary>A raw <c>HttpClient</c> request to OpenAI's Chat Completions or Responses REST API.</summary>
    OpenAIRest,

    /// <summary>A raw <c>HttpClient</c> request to Anthropic's Messages REST API.</summary>
    AnthropicRest,

    /// <summary>A raw <c>HttpClient</c> request to the Gemini REST API.</summary>
    GeminiRest,
}

/// <summary>
/// One place where a request is sent to a model, in the same shape for every SDK: rules ask the call site for its
/// model, cap and prompt, never which SDK it came from.
/// </summary>
internal sealed class CallSite
{
    public CallSite(
        IInvocationOperation invocation,
        LlmSdk sdk,
        ModelReference model,
        OutputCap cap,
        IReadOnlyList<PromptSegment> prompt,
        int messageCount,
        CacheBreakpoints? cacheBreakpoints = null)
    {
        CacheBreakpoints = cacheBreakpoints;
        Invocation = invocation;
        Sdk = sdk;
        Model = model;
        Cap = cap;
        Prompt = prompt;
        MessageCount = messageCount;
    }

    public IInvocationOperation Invocation { get; }

    public LlmSdk Sdk { get; }

    public string Method => Invocation.TargetMethod.Name;

    public ModelReference Model { get; }

    public OutputCap Cap { get; }

    /// <summary>The prompt in the order the provider receives it: system prompt first, then the messages.</summary>
    public IReadOnlyList<PromptSegment> Prompt { get; }

    /// <summary>The number of messages the request holds, where it is known (chat framing adds tokens per message).</summary>
    public int MessageCount { get; }

    /// <summary>
    /// The cache breakpoints of a raw Anthropic request, read from its JSON body by the adapter; null for the SDK's
    /// requests, whose breakpoints PL2003 reads from the SDK's own types.
    /// </summary>
    public CacheBreakpoints? CacheBreakpoints { get; }

    /// <summary>True for a request sent as JSON over <c>HttpClient</c>, with no SDK in between.</summary>
    public bool IsRawHttp => Sdk is LlmSdk.OpenAIRest or LlmSdk.AnthropicRest or LlmSdk.GeminiRest;

    /// <summary>True when the request goes to Anthropic, through the SDK or as raw JSON.</summary>
    public bool IsAnthropic => Sdk is LlmSdk.Anthropic or LlmSdk.AnthropicRest;

    public string SdkDisplayName => Sdk switch
    {
        LlmSdk.OpenAI => "OpenAI",
        LlmSdk.AzureOpenAI => "Azure OpenAI",
        LlmSdk.Anthropic => "Anthropic",
        LlmSdk.SemanticKernel => "Semantic Kernel",
        LlmSdk.Betalgo => "Betalgo",
        LlmSdk.OpenAIRest => "OpenAI REST",
        LlmSdk.AnthropicRest => "Anthropic REST",
        LlmSdk.GeminiRest => "Gemini REST",
        _ => "Microsoft.Extensions.AI",
    };
}

/// <summary>The <c>cache_control</c> breakpoints a raw Anthropic request carries, as far as its body can be read.</summary>
internal readonly struct CacheBreakpoints
{
    public CacheBreakpoints(bool covered, int count)
    {
        Covered = covered;
        Count = count;
    }

    /// <summary>True when a breakpoint (or the request-level <c>cache_control</c>) writes the constant start to the cache.</summary>
    public bool Covered { get; }

    public int Count { get; }
}

internal enum ModelSource
{
    None,
    Call,
    Client,
    Default,

    /// <summary>An Azure OpenAI deployment, with the model <c>promptlint.azure_deployments</c> maps it to, if any.</summary>
    Deployment,
}

/// <summary>The model a call site sends to, and where the analyzer saw it.</summary>
internal readonly struct ModelReference
{
    public ModelReference(string? id, ModelSource source, IOperation? expression, string? deployment = null)
    {
        Id = id;
        Source = source;
        Expression = expression;
        Deployment = deployment;
    }

    /// <summary>The model id, or null when none is seen; always null for a deployment, whose model only configuration knows.</summary>
    public string? Id { get; }

    /// <summary>The Azure OpenAI deployment name the code sends to, where the model would otherwise be; not a model id.</summary>
    public string? Deployment { get; }

    public ModelSource Source { get; }

    public IOperation? Expression { get; }

    public static ModelReference None => new(null, ModelSource.None, null);

    public static ModelReference ForDeployment(string name, IOperation expression) =>
        new(null, ModelSource.Deployment, expression, name);

    public bool IsKnown => Id is not null;
}

internal enum CapState
{
    /// <summary>A cap is set where the analyzer can see it.</summary>
    Set,

    /// <summary>No cap: no options, options without the cap, or the cap set to null.</summary>
    Missing,

    /// <summary>The options come from somewhere the analyzer cannot follow (a parameter, a field): no claim is made.</summary>
    Unknown,
}

internal enum CapFix
{
    None,

    /// <summary>The call has no options argument: add one that sets the cap.</summary>
    AddOptionsArgument,

    /// <summary>An options object is created without the cap: add the cap to its initializer.</summary>
    AddToInitializer,

    /// <summary>The options argument or the cap is an explicit null: replace it.</summary>
    ReplaceNull,

    /// <summary>The overload called takes no options: call the one that takes options, carrying what was passed.</summary>
    UseOptionsOverload,

    /// <summary>A raw JSON body written as an anonymous object, a <c>JsonObject</c> or a dictionary: add the cap key to it.</summary>
    AddJsonMember,
}

/// <summary>Whether a call site's output is capped, the cap's value where it is a constant, and how to add one.</summary>
internal readonly struct OutputCap
{
    private OutputCap(
        CapState state,
        int? value,
        string reason,
        CapFix fix,
        SyntaxNode? fixTarget,
        string optionsType,
        string capProperty,
        SyntaxNode? valueSyntax = null,
        bool required = false)
    {
        Required = required;
        ValueSyntax = valueSyntax;
        State = state;
        Value = value;
        Reason = reason;
        Fix = fix;
        FixTarget = fixTarget;
        OptionsType = optionsType;
        CapProperty = capProperty;
    }

    public CapState State { get; }

    /// <summary>Where a set cap's value is written, for diagnostics about the value itself.</summary>
    public SyntaxNode? ValueSyntax { get; }

    public int? Value { get; }

    /// <summary>Why the cap is missing, in words for the diagnostic.</summary>
    public string Reason { get; }

    public CapFix Fix { get; }

    /// <summary>The node the code fix edits: the options creation, the null, or the argument list.</summary>
    public SyntaxNode? FixTarget { get; }

    /// <summary>The full name of the options type that carries the cap, for the code fix.</summary>
    public string OptionsType { get; }

    /// <summary>The name of the cap property on <see cref="OptionsType"/>.</summary>
    public string CapProperty { get; }

    /// <summary>True when the API rejects a request without the cap (Anthropic's Messages API requires <c>max_tokens</c>).</summary>
    public bool Required { get; }

    public static OutputCap Set(int? value, SyntaxNode? valueSyntax = null) =>
        new(CapState.Set, value, "", CapFix.None, null, "", "", valueSyntax);

    public static OutputCap Unknown => new(CapState.Unknown, null, "", CapFix.None, null, "", "");

    public static OutputCap Missing(string reason, CapFix fix, SyntaxNode? fixTarget, ITypeSymbol? optionsType, string capProperty) =>
        new(CapState.Missing, null, reason, optionsType is null ? CapFix.None : fix, fixTarget, FullName(optionsType), capProperty);

    /// <summary>A cap missing from a raw JSON body; <paramref name="fix"/> adds <paramref name="capKey"/> to the body in place.</summary>
    public static OutputCap MissingFromBody(string reason, CapFix fix, SyntaxNode? fixTarget, string capKey, bool required) =>
        new(CapState.Missing, null, reason, fixTarget is null ? CapFix.None : fix, fixTarget, "", capKey, required: required);

    public static string FullName(ITypeSymbol? type) => type switch
    {
        null => "",
        { ContainingNamespace: { IsGlobalNamespace: false } ns } => ns.ToDisplayString() + "." + type.MetadataName,
        _ => type.MetadataName,
    };
}

/// <summary>How much a prompt segment changes between requests; later members are worse for a prompt cache.</summary>
internal enum Stability
{
    /// <summary>Known at compile time: literals, constants and what is built only from them.</summary>
    Constant,

    /// <summary>The same for every request of a process run or of a client instance: static readonly fields,
    /// configuration, constructor parameters.</summary>
    Stable,

    /// <summary>Not known, and not shown to change per request either.</summary>
    Unknown,

    /// <summary>Changes per request: the time, new ids, random numbers, method parameters, request data.</summary>
    Volatile,
}

/// <summary>A piece of a prompt: its text where the analyzer can see it, and how it changes between requests.</summary>
internal readonly struct PromptSegment
{
    /// <summary>A constant segment with known text.</summary>
    public PromptSegment(string role, string text, IOperation? source)
        : this(role, text, source, Stability.Constant, source, null)
    {
    }

    private PromptSegment(string role, string? text, IOperation? source, Stability stability, IOperation? hole, string? holeName)
    {
        Role = role;
        Text = text;
        Source = source;
        Stability = stability;
        Hole = hole;
        HoleName = holeName;
    }

    public string Role { get; }

    /// <summary>The text, or null when it is not known at compile time.</summary>
    public string? Text { get; }

    /// <summary>Where the segment comes from, as seen at the call: for text built by a helper, the helper's call.</summary>
    public IOperation? Source { get; }

    public Stability Stability { get; }

    /// <summary>The expression that fills a dynamic segment, also when <see cref="Source"/> is the call of a helper that
    /// built it; named parts of <c>promptlint.json</c> are matched against it.</summary>
    public IOperation? Hole { get; }

    /// <summary>A name given where no expression shows one, such as a Semantic Kernel template variable.</summary>
    public string? HoleName { get; }

    public bool IsConstant => Stability == Stability.Constant;

    /// <summary>True for the segments a provider cache can reuse from one request to the next.</summary>
    public bool IsCacheable => Stability is Stability.Constant or Stability.Stable;

    /// <summary>A segment whose text is not known, with the stability of the expression that produces it.</summary>
    public static PromptSegment Dynamic(string role, IOperation? source, Stability stability, string? holeName = null) =>
        new(role, null, source, stability == Stability.Constant ? Stability.Stable : stability, source, holeName);

    public PromptSegment WithText(string text) => new(Role, text, Source, Stability, Hole, HoleName);

    /// <summary>The same segment seen from a caller: located at <paramref name="source"/>, still naming its own hole.</summary>
    public PromptSegment WithSource(IOperation source) => new(Role, Text, source, Stability, Hole, HoleName);
}
