using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>
/// PL3001 for Betalgo's <c>OpenAIService</c>: the SDK has no retry of its own and no option to set one, so the service
/// retries only when its <c>HttpClient</c> has a retrying handler. Reported at a <c>new OpenAIService(...)</c> that
/// gets no client (the SDK then makes a plain one) or a plain <c>new HttpClient()</c> created in the same file, and at
/// an <c>AddOpenAIService</c> registration whose client builder gets no handler. A client from anywhere else (a
/// parameter, <c>IHttpClientFactory</c>, an injected <c>IOptions</c>) is not judged. No code fix: there is no budget
/// to set.
/// </summary>
internal static class BetalgoRetries
{
    public const string Sdk = "Betalgo";

    /// <summary>A <c>new OpenAIService(...)</c> whose HttpClient, as far as the code shows, has no retrying handler.</summary>
    public static Diagnostic? OfService(IObjectCreationOperation creation, RetrySymbols symbols, CancellationToken cancellationToken)
    {
        if (creation.Constructor is not { } constructor || !SdkSymbols.IsOrDerives(creation.Type, symbols.BetalgoService))
            return null;

        var parameter = constructor.Parameters.FirstOrDefault(p => SdkSymbols.Is(p.Type, symbols.HttpClient));
        if (parameter is null)
            return null;

        var argument = creation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, parameter));
        string written;
        if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue || IsNull(argument.Value))
        {
            written = "no HttpClient is passed, so the SDK makes a plain one";
        }
        else
        {
            var origin = HttpAdapter.ClientOrigin(argument.Value, cancellationToken);
            if (HttpClientRetries.PlainClient(origin, creation.Syntax.SyntaxTree, symbols, cancellationToken) is not { } plain)
                return null;
            written = "its HttpClient is " + plain;
        }

        return HttpClientRetries.Create(
            creation.Syntax,
            Sdk,
            $"has no retries in this SDK and none is added ({written}), so a rate limit or a transient server error fails the "
            + "request at once; register it with services.AddOpenAIService(...).AddStandardResilienceHandler(), or pass an "
            + "HttpClient that has a resilience handler");
    }

    /// <summary>An <c>AddOpenAIService</c> registration that adds no handler to the service's HttpClient, or null.</summary>
    public static Diagnostic? OfRegistration(IInvocationOperation invocation, RetrySymbols symbols, CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod is not { Name: "AddOpenAIService" } method
            || !SdkSymbols.Is(method.ContainingType, symbols.BetalgoServiceCollectionExtensions)
            || !HttpClientRetries.AddsNoHandler(invocation, cancellationToken))
        {
            return null;
        }

        return HttpClientRetries.Create(
            invocation.Syntax,
            Sdk,
            "is registered with AddOpenAIService and no handler, and this SDK has no retries of its own, so a rate limit or a "
            + "transient server error fails the request at once; add AddStandardResilienceHandler() to the registration");
    }

    private static bool IsNull(IOperation value)
    {
        var unwrapped = CallSites.OperationFlow.Unwrap(value);
        return unwrapped.ConstantValue is { HasValue: true, Value: null } || unwrapped is IDefaultValueOperation;
    }
}
