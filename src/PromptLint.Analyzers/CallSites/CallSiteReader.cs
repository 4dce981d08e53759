using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.CallSites;

/// <summary>Asks each SDK adapter in turn whether an invocation is one of its calls; analyzers and code fixes share it.</summary>
internal static class CallSiteReader
{
    private static readonly ICallSiteAdapter[] s_adapters =
    {
        new OpenAIAdapter(),
        new ResponsesAdapter(),
        new AnthropicAdapter(),
        new ExtensionsAIAdapter(),
        new SemanticKernelAdapter(),
        new BetalgoAdapter(),
        new HttpAdapter(),
    };

    private static long s_reads;

    /// <summary>Invocations read since the process started: each call site is read once per compilation.</summary>
    internal static long Reads => Interlocked.Read(ref s_reads);

    public static CallSite? Read(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_reads);
        foreach (var adapter in s_adapters)
        {
            if (adapter.TryRead(invocation, sdk, cancellationToken, out var callSite))
                return callSite;
        }

        return null;
    }
}
