using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>
/// Semantic Kernel's OpenAI and Azure OpenAI chat connectors switch the SDK's own retries off (<c>ClientRetryPolicy(0)</c>)
/// whenever they are given an <c>HttpClient</c>, and leave retrying to that client's handlers. A kernel builder's
/// registration always gives one: the one passed in, the one its services hold, or a new one. The budget is zero where
/// the code shows an <c>HttpClient</c> without handlers: one created with <c>new HttpClient()</c>, or the default of a
/// kernel builder from <c>Kernel.CreateBuilder()</c> whose services the code never touches.
/// </summary>
internal static class KernelConnectorRetries
{
    public const string Setting =
        "Semantic Kernel gives the SDK an HttpClient with no retrying handler and sets ClientRetryPolicy(0)";

    private const int MaxChain = 8;

    /// <summary>A registration such as <c>builder.AddOpenAIChatCompletion(model, apiKey)</c>, or null when it is none.</summary>
    public static RetryBudget? OfRegistration(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || !IsChatConnector(method) || HttpClientParameter(method) is not { } httpParameter)
            return null;

        // On an IServiceCollection the HttpClient comes from the host's container, which may add retries anywhere.
        if (method.Parameters[0].Type.Name != "IKernelBuilder")
            return null;

        if (Argument(invocation, httpParameter) is { } http)
            return OfHttpClient(http, cancellationToken);

        var builder = invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;
        return builder is not null && IsUntouchedKernelBuilder(builder, invocation, cancellationToken) && BuilderStaysLocal(invocation)
            ? ZeroRetries
            : null;
    }

    /// <summary>A connector created directly, such as <c>new OpenAIChatCompletionService(model, apiKey, httpClient: http)</c>.</summary>
    public static RetryBudget? OfService(IObjectCreationOperation creation, CancellationToken cancellationToken)
    {
        if (creation.Constructor is not { } constructor
            || !IsChatConnector(constructor)
            || HttpClientParameter(constructor) is not { } httpParameter)
        {
            return null;
        }

        // Without an HttpClient the connector keeps the SDK's default retries.
        var http = creation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, httpParameter));
        if (http is null || http.ArgumentKind == ArgumentKind.DefaultValue)
            return null;

        return OfHttpClient(http.Value, cancellationToken);
    }

    private static RetryBudget ZeroRetries => RetryBudget.Explicit(0, Setting, "", null);

    private static bool IsChatConnector(IMethodSymbol method) =>
        method.ContainingAssembly?.Name is "Microsoft.SemanticKernel.Connectors.OpenAI" or "Microsoft.SemanticKernel.Connectors.AzureOpenAI"
        && (method.Name.Contains("ChatCompletion")
            || method.ContainingType.Name.EndsWith("ChatCompletionService", StringComparison.Ordinal));

    private static IParameterSymbol? HttpClientParameter(IMethodSymbol method) =>
        method.Parameters.FirstOrDefault(static p => IsType(p.Type, "System.Net.Http.HttpClient"));

    private static IOperation? Argument(IInvocationOperation invocation, IParameterSymbol parameter)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, parameter));
        return argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
    }

    // new HttpClient(), or new HttpClient(new HttpClientHandler()): nothing in it retries. Anything else may.
    private static RetryBudget? OfHttpClient(IOperation value, CancellationToken cancellationToken)
    {
        var origin = OperationFlow.Origin(value, cancellationToken);
        if (origin is not IObjectCreationOperation { Type: var type } creation || !IsType(type, "System.Net.Http.HttpClient"))
            return null;

        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Value.Type?.SpecialType == SpecialType.System_Boolean)
                continue;
            if (OperationFlow.Origin(argument.Value, cancellationToken) is IObjectCreationOperation { Arguments.Length: 0 } handler
                && (IsType(handler.Type, "System.Net.Http.HttpClientHandler")
                    || IsType(handler.Type, "System.Net.Http.SocketsHttpHandler")))
            {
                continue;
            }

            return null;
        }

        return ZeroRetries;
    }

    // Kernel.CreateBuilder(), directly or through a local, with nothing but connector and plugin registrations on it.
    private static bool IsUntouchedKernelBuilder(IOperation builder, IOperation use, CancellationToken cancellationToken)
    {
        var current = OperationFlow.Unwrap(builder);
        for (var depth = 0; depth < MaxChain; depth++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (current)
            {
                case IInvocationOperation { TargetMethod: { Name: "CreateBuilder", IsStatic: true } method }
                    when IsType(method.ContainingType, "Microsoft.SemanticKernel.Kernel"):
                    return true;
                case IInvocationOperation call when IsKernelMember(call.TargetMethod):
                    var next = call.Instance ?? call.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;
                    if (next is null)
                        return false;
                    current = OperationFlow.Unwrap(next);
                    continue;
                case ILocalReferenceOperation local:
                    if (!OnlyRegistersOn(local.Local, use) || OperationFlow.SingleDefinition(local.Local, use) is not { } initializer)
                        return false;
                    current = OperationFlow.Unwrap(initializer);
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    // What happens to the builder after the registration, up to Build(): more registrations, a local, nothing else.
    private static bool BuilderStaysLocal(IInvocationOperation registration)
    {
        IOperation current = registration;
        for (var depth = 0; depth < MaxChain; depth++)
        {
            if (current.Type?.Name != "IKernelBuilder")
                return true; // built: the kernel's services can no longer change

            switch (current.Parent)
            {
                case IExpressionStatementOperation:
                    return true;
                case IConversionOperation conversion:
                    current = conversion;
                    continue;
                case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation call } when IsKernelExtension(call):
                    current = call;
                    continue;
                case IInvocationOperation call when call.Instance == current && IsKernelMember(call.TargetMethod):
                    current = call;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return OnlyRegistersOn(declarator.Symbol, registration);
                default:
                    return false;
            }
        }

        return false;
    }

    // Every use of the builder local registers on it or builds it; its Services, or handing it to other code, may add retries.
    private static bool OnlyRegistersOn(ILocalSymbol local, IOperation use)
    {
        foreach (var reference in OperationFlow.References(local, use))
        {
            var allowed = reference.Parent switch
            {
                IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation call } => IsKernelExtension(call),
                IInvocationOperation call when call.Instance == reference => IsKernelMember(call.TargetMethod),
                IPropertyReferenceOperation { Property.Name: "Plugins" } => true,
                IVariableDeclaratorOperation => true,
                _ => false,
            };
            if (!allowed)
                return false;
        }

        return true;
    }

    private static bool IsKernelExtension(IInvocationOperation call) =>
        call.TargetMethod.IsExtensionMethod && IsKernelMember(call.TargetMethod);

    private static bool IsKernelMember(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;

    private static bool IsType(ITypeSymbol? type, string fullName) => type is not null && OutputCap.FullName(type) == fullName;
}
