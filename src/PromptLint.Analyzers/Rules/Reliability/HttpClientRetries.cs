using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>
/// PL3001 for raw LLM requests: <c>HttpClient</c> sends each request once, so a client with no retrying handler has no
/// retry budget at all. Reported at a <c>new HttpClient()</c> the request visibly goes through (created in the same
/// method, a field initializer or a constructor of the same file) whose handler is the plain socket handler, and at an
/// <c>AddHttpClient</c> registration of an LLM client that adds no handler. A client from anywhere else (a parameter,
/// an injected client registered in another assembly) is not judged.
/// </summary>
internal static class HttpClientRetries
{
    public const string Sdk = "raw HTTP";

    /// <summary>Names of the <c>IHttpClientBuilder</c> extensions that add a handler, which may retry.</summary>
    private static readonly string[] s_handlerMarkers = { "Handler", "Policy", "Resilience", "Hedging" };

    /// <summary>The client creation of a raw call site, when it shows no handler that could retry.</summary>
    public static Diagnostic? OfCallSite(CallSite callSite, RetrySymbols symbols, CancellationToken cancellationToken)
    {
        var origin = HttpAdapter.ClientOrigin(HttpAdapter.ClientOf(callSite.Invocation), cancellationToken);
        if (origin is not IObjectCreationOperation creation
            || PlainClient(creation, callSite.Invocation.Syntax.SyntaxTree, symbols, cancellationToken) is not { } written)
        {
            return null;
        }

        return Create(
            creation.Syntax,
            Sdk,
            $"has no retry of its own and none is added ({written}), so a rate limit or a transient server error fails the "
            + "request at once; create it with IHttpClientFactory and AddStandardResilienceHandler, or give it a retrying DelegatingHandler");
    }

    /// <summary>
    /// How a <c>new HttpClient(...)</c> is written (<c>new HttpClient()</c>, <c>new HttpClient(new SocketsHttpHandler())</c>)
    /// when it is created in <paramref name="tree"/> with no handler or only the socket handler, which never retries; null
    /// for any other client or handler.
    /// </summary>
    public static string? PlainClient(IOperation? origin, SyntaxTree tree, RetrySymbols symbols, CancellationToken cancellationToken)
    {
        if (origin is not IObjectCreationOperation creation
            || !SdkSymbols.IsOrDerives(creation.Type, symbols.HttpClient)
            || creation.Syntax.SyntaxTree != tree)
        {
            return null;
        }

        var handler = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "handler" && a.ArgumentKind != ArgumentKind.DefaultValue);
        if (handler is not null && !IsSocketHandler(handler.Value, symbols, cancellationToken))
            return null;

        return handler is null ? "new HttpClient()" : "new HttpClient(" + HandlerName(handler.Value, cancellationToken) + ")";
    }

    /// <summary>An <c>AddHttpClient</c> registration of an LLM client that adds no handler, or null.</summary>
    public static Diagnostic? OfRegistration(IInvocationOperation invocation, RetrySymbols symbols, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "AddHttpClient" || !SdkSymbols.Is(method.ContainingType, symbols.HttpClientFactoryExtensions))
            return null;

        var chain = Chain(invocation, cancellationToken);
        if (!IsLlmClient(invocation, chain, symbols, cancellationToken) || !AddsNoHandler(invocation, chain, cancellationToken))
            return null;

        var name = method.IsGenericMethod
            ? $"AddHttpClient<{string.Join(", ", method.TypeArguments.Select(static t => t.Name))}>"
            : invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "name")?.Value.ConstantValue is { HasValue: true, Value: string named }
                ? $"AddHttpClient(\"{named}\")"
                : "AddHttpClient";
        return Create(
            invocation.Syntax,
            Sdk,
            $"is registered with {name} and no handler, and HttpClient does not retry, so a rate limit or a transient "
            + "server error fails the request at once; add AddStandardResilienceHandler() to the registration");
    }

    /// <summary>
    /// True when the <c>IHttpClientBuilder</c> a registration returns gets no handler that could retry: none is added to
    /// it, chained or through a local, and the file configures no defaults for every client.
    /// </summary>
    public static bool AddsNoHandler(IInvocationOperation registration, CancellationToken cancellationToken) =>
        AddsNoHandler(registration, Chain(registration, cancellationToken), cancellationToken);

    private static bool AddsNoHandler(IInvocationOperation registration, List<IInvocationOperation> chain, CancellationToken cancellationToken)
    {
        if (chain.Any(static call => AddsHandler(call.TargetMethod.Name)))
            return false;

        // Defaults for every client (ConfigureHttpClientDefaults, Aspire's AddServiceDefaults) may add a resilience handler.
        var text = registration.Syntax.SyntaxTree.GetText(cancellationToken).ToString();
        return text.IndexOf("ConfigureHttpClientDefaults", StringComparison.Ordinal) < 0
            && text.IndexOf("AddServiceDefaults", StringComparison.Ordinal) < 0;
    }

    // AddStandardResilienceHandler, AddResilienceHandler, AddPolicyHandler, AddTransientHttpErrorPolicy,
    // AddHttpMessageHandler and the like; not SetHandlerLifetime or ConfigurePrimaryHttpMessageHandler, which never retry.
    private static bool AddsHandler(string name) =>
        name == "ConfigureAdditionalHttpMessageHandlers"
        || (name.StartsWith("Add", StringComparison.Ordinal)
            && s_handlerMarkers.Any(marker => name.IndexOf(marker, StringComparison.Ordinal) >= 0));

    /// <summary>A PL3001 for a client with no retry at all, which no SDK option can give it (so no budget fix).</summary>
    public static Diagnostic Create(SyntaxNode at, string sdk, string detail)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[ReliabilityAnalyzer.Properties.Reason] = ReliabilityAnalyzer.Reasons.NoRetry;
        properties[ReliabilityAnalyzer.Properties.RetryFix] = nameof(RetryFix.None);
        return Diagnostic.Create(Descriptors.NoRetryBudget, at.GetLocation(), properties.ToImmutable(), sdk, detail);
    }

    // No handler argument, new HttpClientHandler() or new SocketsHttpHandler(): the handlers that never retry.
    private static bool IsSocketHandler(IOperation handler, RetrySymbols symbols, CancellationToken cancellationToken) =>
        OperationFlow.Origin(handler, cancellationToken) is IObjectCreationOperation created
        && (SdkSymbols.Is(created.Type, symbols.HttpClientHandler) || SdkSymbols.Is(created.Type, symbols.SocketsHttpHandler));

    private static string HandlerName(IOperation handler, CancellationToken cancellationToken) =>
        OperationFlow.Origin(handler, cancellationToken) is IObjectCreationOperation { Type: { } type } ? "new " + type.Name + "()" : "...";

    /// <summary>
    /// The calls made on the builder an <c>AddHttpClient</c> returns: chained (<c>.AddStandardResilienceHandler()</c>),
    /// or on a local that holds the builder.
    /// </summary>
    private static List<IInvocationOperation> Chain(IInvocationOperation registration, CancellationToken cancellationToken)
    {
        var calls = new List<IInvocationOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(registration);
        while (pending.Count > 0 && calls.Count < 64)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pending.Pop();
            var parent = current.Parent;
            while (parent is IConversionOperation)
                parent = parent.Parent;

            switch (parent)
            {
                case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation next } when next.TargetMethod.IsExtensionMethod:
                    calls.Add(next);
                    pending.Push(next);
                    break;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    foreach (var reference in OperationFlow.References(declarator.Symbol, current))
                        pending.Push(reference);
                    break;
            }
        }

        return calls;
    }

    // A registration is of an LLM client when its configuration sets a provider base address, or when the typed client
    // it registers is declared in files that show raw LLM requests.
    private static bool IsLlmClient(
        IInvocationOperation registration, List<IInvocationOperation> chain, RetrySymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var call in chain.Prepend(registration))
        {
            foreach (var argument in call.Arguments)
            {
                if (OperationFlow.Unwrap(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                    continue;

                foreach (var assignment in OperationFlow.Descendants(lambda.Body).OfType<ISimpleAssignmentOperation>())
                {
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "BaseAddress" }
                        && UrlText.Read(assignment.Value, cancellationToken) is { } url
                        && RestEndpoint.NamesProvider(url.Text))
                    {
                        return true;
                    }
                }
            }
        }

        var method = registration.TargetMethod;
        if (!method.IsGenericMethod || method.TypeArguments.LastOrDefault() is not INamedTypeSymbol client)
            return false;

        var takesHttpClient = client.InstanceConstructors.Any(c => c.Parameters.Any(p => SdkSymbols.Is(p.Type, symbols.HttpClient)));
        // The type's own code must show the sign: another class in its file may be the one that calls an LLM.
        return takesHttpClient && client.DeclaringSyntaxReferences.Any(r => RawHttpGate.HasSign(r.GetSyntax(cancellationToken), cancellationToken));
    }
}
