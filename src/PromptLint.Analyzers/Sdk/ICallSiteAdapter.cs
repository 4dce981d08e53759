using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>Recognises one SDK's calls by symbol and maps them to the common <see cref="CallSite"/> shape.</summary>
internal interface ICallSiteAdapter
{
    bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite);
}
