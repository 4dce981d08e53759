using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Sdk;
using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Rules.Caching;

/// <summary>
/// PL2003: an Anthropic request whose constant system prompt reaches the model's minimum cacheable length, sent with
/// no <c>cache_control</c> breakpoint that covers it. Anthropic writes to the cache only at a breakpoint (or with the
/// request-level automatic <c>CacheControl</c>); a breakpoint that sits on per-request content does not count, because
/// the constant part before it is never written on its own.
/// </summary>
internal static class AnthropicBreakpointRule
{
    /// <summary>The API rejects a request with more breakpoints than this; the fix never adds one past it.</summary>
    public const int MaxBreakpoints = 4;

    /// <summary>The diagnostic properties the code fix and the tests read.</summary>
    public static class Properties
    {
        /// <summary>How the fix adds the breakpoint (<see cref="BreakpointFix"/>); absent when it cannot.</summary>
        public const string Fix = "Fix";

        /// <summary>The full name of the SDK's text block type.</summary>
        public const string BlockType = "BlockType";

        /// <summary>The full name of the SDK's ephemeral cache-control type.</summary>
        public const string CacheControlType = "CacheControlType";

        public const string PrefixTokens = "PrefixTokens";

        public const string MinimumTokens = "MinimumTokens";

        public const string Breakpoints = "Breakpoints";
    }

    /// <summary>
    /// The part of the request the cache reuses. An Anthropic request whose constant start no breakpoint covers is never
    /// read from the cache, so the warm-cache price does not apply to it; one with breakpoints is cached up to the last
    /// of them (the request-level automatic breakpoint: up to the end of the constant start), at the lifetime that
    /// breakpoint asks for. Other SDKs, and requests the code does not show, cache the constant start.
    /// </summary>
    public static CachedPrefix CachedPrefixOf(CallSite callSite, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        // A raw JSON request says whether a breakpoint covers its constant start, not where each one ends or its
        // lifetime: a covered one is priced as the cached constant start at the default lifetime.
        if (callSite.CacheBreakpoints is { } raw)
            return raw.Covered ? CachedPrefix.ConstantStart : CachedPrefix.None;

        if (callSite.Sdk != LlmSdk.Anthropic || Request.Read(callSite.Invocation, sdk, cancellationToken) is not { } request)
            return CachedPrefix.ConstantStart;

        return request.Covered ? request.Prefix(cancellationToken) : CachedPrefix.None;
    }

    public static IEnumerable<Diagnostic> Check(
        CallSite callSite,
        ModelInfo? model,
        PromptTokens tokens,
        SdkSymbols sdk,
        CancellationToken cancellationToken)
    {
        if (!callSite.IsAnthropic)
            yield break;

        if (model is not { MinCacheableTokens: { } minimum, CacheReadPerMTok: not null })
            yield break;

        var system = callSite.Prompt.TakeWhile(static s => s.Role == "system").ToList();
        if (system.Count == 0 || tokens.Prefix(system, model) is not { } prefix || prefix < minimum)
            yield break;

        // A raw JSON request's breakpoints are read by its adapter; the fix edits only the SDK's types.
        Request? request = null;
        if (callSite.CacheBreakpoints is { } raw)
        {
            if (raw.Covered)
                yield break;
        }
        else if ((request = Request.Read(callSite.Invocation, sdk, cancellationToken)) is null || request.Covered)
        {
            yield break;
        }

        var breakpoints = callSite.CacheBreakpoints?.Count ?? request!.Breakpoints;
        var call = callSite.Invocation.Syntax;
        var additionalLocations = new List<Location>();
        if (PromptLocations.Declaration(system[0].Source, call.SyntaxTree) is { } declaration)
            additionalLocations.Add(declaration);

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[Properties.PrefixTokens] = prefix.ToString(CultureInfo.InvariantCulture);
        properties[Properties.MinimumTokens] = minimum.ToString(CultureInfo.InvariantCulture);
        properties[Properties.Breakpoints] = breakpoints.ToString(CultureInfo.InvariantCulture);
        if (request is not null && breakpoints < MaxBreakpoints && request.FixFor(system, call.SyntaxTree) is { } fix)
        {
            properties[Properties.Fix] = fix.Kind.ToString();
            properties[Properties.BlockType] = fix.BlockType;
            properties[Properties.CacheControlType] = fix.CacheControlType;
            additionalLocations.Add(fix.Target.GetLocation());
        }

        yield return Diagnostic.Create(
            Descriptors.MissingCacheBreakpoint,
            call.GetLocation(),
            additionalLocations,
            properties.ToImmutable(),
            model.Id,
            (model.TokensAreExact ? "" : "about ") + Count(prefix),
            Count(minimum),
            breakpoints == 0 ? "no cache_control breakpoint" : "no cache_control breakpoint that covers them");
    }


    private static string Count(int value) => CountText.Format(value);

    private enum Breakpoint
    {
        No,
        Yes,

        /// <summary>Content the analyzer cannot see into, which may carry one.</summary>
        Maybe,
    }

    /// <summary>A content block of the request; the provider reads system blocks first, then messages.</summary>
    private readonly struct Block
    {
        public Block(Stability stability, Breakpoint breakpoint, IObjectCreationOperation? creation, IOperation? text, bool oneHour, string role = "system")
        {
            Stability = stability;
            Breakpoint = breakpoint;
            Creation = creation;
            Text = text;
            OneHour = oneHour;
            Role = role;
        }

        /// <summary>The role the block is sent with: <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
        public string Role { get; }

        public Stability Stability { get; }

        public Breakpoint Breakpoint { get; }

        /// <summary>The block's creation, where the code builds it in place.</summary>
        public IObjectCreationOperation? Creation { get; }

        /// <summary>The string the block sends, or null for content that is not a string (an image, a list).</summary>
        public IOperation? Text { get; }

        /// <summary>True when the block's breakpoint asks for a one-hour cache lifetime.</summary>
        public bool OneHour { get; }

        public Block As(string role) => new(Stability, Breakpoint, Creation, Text, OneHour, role);

        /// <summary>A block the code does not build in place, judged by the expression that produces it.</summary>
        public static Block Of(IOperation source, Breakpoint breakpoint, CancellationToken cancellationToken)
        {
            var text = source.Type?.SpecialType == SpecialType.System_String || source.ConstantValue.HasValue ? source : null;
            return new(StabilityClassifier.Classify(source, cancellationToken), breakpoint, null, text, oneHour: false);
        }
    }

    private sealed class FixTarget
    {
        public FixTarget(BreakpointFix kind, SyntaxNode target, string blockType, string cacheControlType)
        {
            Kind = kind;
            Target = target;
            BlockType = blockType;
            CacheControlType = cacheControlType;
        }

        public BreakpointFix Kind { get; }

        public SyntaxNode Target { get; }

        public string BlockType { get; }

        public string CacheControlType { get; }
    }

    /// <summary>The cache breakpoints of one request, as far as the code shows them.</summary>
    private sealed class Request
    {
        private readonly List<Block> _systemBlocks = new();
        private readonly List<Block> _messageBlocks = new();
        private IOperation? _stringSystem;
        private ITypeSymbol? _systemType;
        private bool _automatic;
        private bool _automaticOneHour;
        private int _toolBreakpoints;

        /// <summary>True when a breakpoint writes the constant start of the prompt to the cache.</summary>
        public bool Covered
        {
            get
            {
                if (_automatic)
                    return true;

                foreach (var block in _systemBlocks.Concat(_messageBlocks))
                {
                    // From the first per-request block on, the request differs on every call: no breakpoint is reused.
                    if (block.Stability == Stability.Volatile)
                        return false;
                    if (block.Breakpoint != Breakpoint.No)
                        return true;
                }

                return false;
            }
        }

        /// <summary>
        /// The prompt up to the last breakpoint before the first per-request block, and the lifetime that breakpoint
        /// asks for; only meaningful when <see cref="Covered"/>. Anthropic caches up to the breakpoint: constant text
        /// after it (instructions in the user message after a system breakpoint) is sent at the input price.
        /// </summary>
        public CachedPrefix Prefix(CancellationToken cancellationToken)
        {
            if (_automatic)
                return CachedPrefix.AtBreakpoint(null, _automaticOneHour);

            var blocks = _systemBlocks.Concat(_messageBlocks).ToList();
            var last = -1;
            for (var i = 0; i < blocks.Count && blocks[i].Stability != Stability.Volatile; i++)
            {
                if (blocks[i].Breakpoint != Breakpoint.No)
                    last = i;
            }

            if (last < 0)
                return CachedPrefix.None;

            // The same segments the adapter reads for these blocks, so a breakpoint at the end of the constant start
            // gives the same count as the constant start itself.
            var segments = new List<PromptSegment>();
            foreach (var block in blocks.Take(last + 1))
            {
                if (block.Text is null)
                    segments.Add(PromptSegment.Dynamic(block.Role, block.Creation, block.Stability));
                else
                    PromptText.AppendText(block.Text, block.Role, segments, cancellationToken);
            }

            return CachedPrefix.AtBreakpoint(PromptText.Merge(segments), blocks[last].OneHour);
        }

        /// <summary>The breakpoints the request is seen to set: on blocks, on tools, on the request itself.</summary>
        public int Breakpoints =>
            (_automatic ? 1 : 0)
            + _toolBreakpoints
            + _systemBlocks.Concat(_messageBlocks).Count(static b => b.Breakpoint == Breakpoint.Yes);

        public static Request? Read(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken)
        {
            var parameters = invocation.Arguments.FirstOrDefault(a =>
                SdkSymbols.Is(a.Parameter?.Type, sdk.AnthropicCreateParams)
                || SdkSymbols.Is(a.Parameter?.Type, sdk.AnthropicBetaCreateParams));
            if (parameters is null)
                return null;

            var origin = OperationFlow.Origin(parameters.Value, cancellationToken);
            if (origin is not IObjectCreationOperation { Initializer: { } initializer })
                return null;

            var request = new Request
            {
                _automatic = BreakpointOf(initializer) == Breakpoint.Yes,
                _automaticOneHour = OneHourOf(initializer, cancellationToken),
            };
            if (Member(initializer, "System") is not { } system)
                return null;

            request._systemType = system.Target.Type;
            var value = OperationFlow.Unwrap(system.Value);
            if (value.Type?.SpecialType == SpecialType.System_String || value.ConstantValue.HasValue)
            {
                request._stringSystem = system.Value;
                request._systemBlocks.Add(Block.Of(value, Breakpoint.No, cancellationToken));
            }
            else if (PromptText.Elements(system.Value, invocation, cancellationToken) is { } blocks)
            {
                foreach (var block in blocks)
                    request._systemBlocks.Add(ReadBlock(block, "Text", cancellationToken));
            }
            else
            {
                return null;
            }

            if (Member(initializer, "Messages")?.Value is { } messages)
                request.ReadMessages(messages, invocation, cancellationToken);

            var tools = PromptText.Elements(Member(initializer, "Tools")?.Value, invocation, cancellationToken);
            request._toolBreakpoints = tools?.Count(t =>
                OperationFlow.Origin(t, cancellationToken) is IObjectCreationOperation { Initializer: { } tool }
                && BreakpointOf(tool) == Breakpoint.Yes) ?? 0;

            return request;
        }

        /// <summary>How the fix adds a breakpoint after the constant system prompt, or null when it cannot.</summary>
        public FixTarget? FixFor(IReadOnlyList<PromptSegment> system, SyntaxTree callTree)
        {
            if (_stringSystem is not null)
            {
                // A per-request tail in the same string would make the new block differ on every call.
                if (!system.All(static s => s.IsCacheable) || _stringSystem.Syntax.SyntaxTree != callTree)
                    return null;

                var blockType = ListElementType(_systemType);
                var cacheControl = CacheControlType(blockType);
                if (blockType is null || cacheControl is null)
                    return null;

                return new FixTarget(BreakpointFix.WrapInBlock, _stringSystem.Syntax, OutputCap.FullName(blockType), cacheControl);
            }

            var last = -1;
            while (last + 1 < _systemBlocks.Count && IsCacheable(_systemBlocks[last + 1].Stability))
                last++;

            if (last < 0 || _systemBlocks[last].Creation is not { } creation || creation.Syntax.SyntaxTree != callTree
                || CacheControlType(creation.Type) is not { } cacheControlType)
            {
                return null;
            }

            var type = OutputCap.FullName(creation.Type);
            return new FixTarget(BreakpointFix.AddToBlock, creation.Syntax, type, cacheControlType);
        }

        private void ReadMessages(IOperation messages, IOperation use, CancellationToken cancellationToken)
        {
            if (PromptText.Elements(messages, use, cancellationToken) is not { } elements)
            {
                _messageBlocks.Add(Block.Of(messages, Breakpoint.Maybe, cancellationToken).As("user"));
                return;
            }

            foreach (var element in elements)
            {
                // As the adapter names the roles, so that the prefix merges the same text the prompt does.
                var role = OperationFlow.Unwrap(element).Type?.Name == "AssistantMessageParam" ? "assistant" : "user";
                if (OperationFlow.Origin(element, cancellationToken) is not IObjectCreationOperation message
                    || Content(message, "Content") is not { } content)
                {
                    _messageBlocks.Add(Block.Of(element, Breakpoint.Maybe, cancellationToken).As(role));
                    continue;
                }

                var text = OperationFlow.Unwrap(content);
                if (text.Type?.SpecialType == SpecialType.System_String || text.ConstantValue.HasValue)
                {
                    // A plain string has nowhere to put a breakpoint.
                    _messageBlocks.Add(Block.Of(text, Breakpoint.No, cancellationToken).As(role));
                }
                else if (PromptText.Elements(content, use, cancellationToken) is { } blocks)
                {
                    foreach (var block in blocks)
                        _messageBlocks.Add(ReadBlock(block, "Text", cancellationToken).As(role));
                }
                else
                {
                    _messageBlocks.Add(Block.Of(content, Breakpoint.Maybe, cancellationToken).As(role));
                }
            }
        }

        private static Block ReadBlock(IOperation block, string textProperty, CancellationToken cancellationToken)
        {
            if (OperationFlow.Origin(block, cancellationToken) is not IObjectCreationOperation creation)
                return Block.Of(block, Breakpoint.Maybe, cancellationToken);

            // An image or a document block has no text to judge: its stability is not known.
            var text = Content(creation, textProperty);
            var stability = text is null ? Stability.Unknown : StabilityClassifier.Classify(text, cancellationToken);
            var breakpoint = creation.Initializer is { } initializer ? BreakpointOf(initializer) : Breakpoint.No;
            var oneHour = creation.Initializer is { } blockInitializer && OneHourOf(blockInitializer, cancellationToken);
            return new Block(stability, breakpoint, creation, text, oneHour);
        }

        // new TextBlockParam { Text = x } or new TextBlockParam(x): the value of the one content property.
        private static IOperation? Content(IObjectCreationOperation creation, string property)
        {
            if (creation.Initializer is { } initializer && Member(initializer, property) is { } member)
                return member.Value;

            return creation.Arguments.Length == 1 && creation.Arguments[0].ArgumentKind == ArgumentKind.Explicit
                ? creation.Arguments[0].Value
                : null;
        }

        private static Breakpoint BreakpointOf(IObjectOrCollectionInitializerOperation initializer)
        {
            if (Member(initializer, "CacheControl")?.Value is not { } value)
                return Breakpoint.No;

            // CacheControl = null (or default) sets none.
            var unwrapped = OperationFlow.Unwrap(value);
            return unwrapped.ConstantValue is { HasValue: true, Value: null } || unwrapped is IDefaultValueOperation
                ? Breakpoint.No
                : Breakpoint.Yes;
        }

        /// <summary>
        /// True when the breakpoint set in <paramref name="initializer"/> asks for a one-hour lifetime:
        /// <c>CacheControl = new CacheControlEphemeral { Ttl = Ttl.Ttl1h }</c>, or the string <c>"1h"</c>. Without a
        /// <c>Ttl</c> the API keeps the prefix for five minutes.
        /// </summary>
        private static bool OneHourOf(IObjectOrCollectionInitializerOperation initializer, CancellationToken cancellationToken)
        {
            if (Member(initializer, "CacheControl")?.Value is not { } value
                || OperationFlow.Origin(value, cancellationToken) is not IObjectCreationOperation { Initializer: { } cacheControl }
                || Member(cacheControl, "Ttl")?.Value is not { } ttl)
            {
                return false;
            }

            return OperationFlow.Unwrap(ttl) switch
            {
                IFieldReferenceOperation field => field.Field.Name == "Ttl1h",
                { ConstantValue: { HasValue: true, Value: string text } } => text == "1h",
                _ => false,
            };
        }

        private static bool IsCacheable(Stability stability) => stability is Stability.Constant or Stability.Stable;

        private static ISimpleAssignmentOperation? Member(IObjectOrCollectionInitializerOperation initializer, string name) =>
            initializer.Initializers.OfType<ISimpleAssignmentOperation>()
                .FirstOrDefault(a => a.Target is IPropertyReferenceOperation p && p.Property.Name == name);

        // The T of the List<T> a union type such as MessageCreateParamsSystem converts from.
        private static ITypeSymbol? ListElementType(ITypeSymbol? union) =>
            union?.GetMembers(WellKnownMemberNames.ImplicitConversionName).OfType<IMethodSymbol>()
                .Select(static m => m.Parameters.Length == 1 ? m.Parameters[0].Type as INamedTypeSymbol : null)
                .FirstOrDefault(static t => t is { Name: "List", TypeArguments.Length: 1 })?.TypeArguments[0];

        private static string? CacheControlType(ITypeSymbol? blockType)
        {
            var property = blockType?.GetMembers("CacheControl").OfType<IPropertySymbol>().FirstOrDefault();
            return property is { SetMethod: not null } ? OutputCap.FullName(property.Type) : null;
        }
    }
}

/// <summary>How the PL2003 code fix adds the breakpoint.</summary>
internal enum BreakpointFix
{
    /// <summary>The system prompt is a string: make it a one-block list whose block carries the breakpoint.</summary>
    WrapInBlock,

    /// <summary>The system prompt is a list of blocks: set the breakpoint on the last constant one.</summary>
    AddToBlock,
}
