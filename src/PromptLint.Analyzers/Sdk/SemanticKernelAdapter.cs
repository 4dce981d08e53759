using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// Semantic Kernel: <c>Kernel.InvokePromptAsync</c> and its streaming form, and <c>IChatCompletionService</c>
/// requests. The cap is the <c>MaxTokens</c> of the execution settings (<c>OpenAIPromptExecutionSettings</c> and the
/// other connectors' settings that declare it). Template holes such as <c>{{$input}}</c> are filled at run time and
/// count as dynamic parts.
/// </summary>
internal sealed class SemanticKernelAdapter : ICallSiteAdapter
{
    private const string CapProperty = "MaxTokens";

    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        var method = invocation.TargetMethod;
        OutputCap cap;
        IOperation? prompt;

        if (method.Name is "InvokePromptAsync" or "InvokePromptStreamingAsync" && SdkSymbols.Is(method.ContainingType, sdk.KernelExtensions))
        {
            prompt = Argument(invocation, "promptTemplate");
            cap = Argument(invocation, "promptTemplateConfig") is { } config && !IsNull(config)
                ? OutputCap.Unknown // the template's configuration can carry its own execution settings
                : CapOfArguments(Argument(invocation, "arguments"), invocation, sdk, cancellationToken);
        }
        else if (method.Name is "GetChatMessageContentAsync" or "GetChatMessageContentsAsync" or "GetStreamingChatMessageContentsAsync"
            && (SdkSymbols.Implements(method.ContainingType, sdk.ChatCompletionService)
                || SdkSymbols.Is(method.ContainingType, sdk.ChatCompletionServiceExtensions)))
        {
            prompt = Argument(invocation, "prompt");
            cap = CapOfSettings(Argument(invocation, "executionSettings"), invocation, sdk, cancellationToken);
        }
        else
        {
            return false;
        }

        var segments = new List<PromptSegment>();
        if (prompt is null)
            segments.Add(PromptSegment.Dynamic("messages", null, Stability.Unknown));
        else
            TemplateSegments(prompt, TemplateArguments(Argument(invocation, "arguments"), cancellationToken), segments, cancellationToken);

        callSite = new CallSite(invocation, LlmSdk.SemanticKernel, ModelReference.None, cap, PromptText.Merge(segments), prompt is null ? 0 : 1);
        return true;
    }

    private static IOperation? Argument(IInvocationOperation invocation, string name)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
        return argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
    }

    private static OutputCap CapOfArguments(IOperation? arguments, IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        if (arguments is null || IsNull(OperationFlow.Unwrap(arguments)))
            return OutputCap.Missing("no execution settings are passed", CapFix.None, null, null, CapProperty);

        if (OperationFlow.Origin(arguments, cancellationToken) is not IObjectCreationOperation creation)
            return OutputCap.Unknown;

        // new KernelArguments(settings) { ... }: the settings are the constructor's one PromptExecutionSettings argument.
        var settings = creation.Arguments.FirstOrDefault(a => SdkSymbols.Is(a.Parameter?.Type, sdk.PromptExecutionSettings));
        if (settings is not null)
            return CapOfSettings(settings.Value, invocation, sdk, cancellationToken);

        return creation.Arguments.Length == 0
            ? OutputCap.Missing("the kernel arguments carry no execution settings", CapFix.None, null, null, CapProperty)
            : OutputCap.Unknown;
    }

    private static OutputCap CapOfSettings(IOperation? settings, IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        if (settings is null || IsNull(OperationFlow.Unwrap(settings)))
            return OutputCap.Missing("no execution settings are passed", CapFix.None, null, null, CapProperty);

        var origin = OperationFlow.Origin(settings, cancellationToken);
        if (origin is IObjectCreationOperation creation && !HasCapProperty(creation.Type))
            return OutputCap.Unknown; // base settings keep the cap in ExtensionData, which is not followed

        return CapReader.FromOptions(OperationFlow.Unwrap(settings), invocation, sdk.PromptExecutionSettings, CapProperty, cancellationToken);
    }

    private static bool HasCapProperty(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(CapProperty).OfType<IPropertySymbol>().Any())
                return true;
        }

        return false;
    }

    // new KernelArguments(settings) { ["company"] = configuration["Company"], ["question"] = question }
    private static Dictionary<string, IOperation> TemplateArguments(IOperation? arguments, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, IOperation>(StringComparer.Ordinal);
        if (arguments is null || OperationFlow.Origin(arguments, cancellationToken) is not IObjectCreationOperation { Initializer: { } initializer })
            return values;

        foreach (var member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment
                && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name })
            {
                values[name] = assignment.Value;
            }
        }

        return values;
    }

    private static void TemplateSegments(
        IOperation prompt, Dictionary<string, IOperation> arguments, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        var parts = new List<PromptSegment>();
        PromptText.AppendText(prompt, "user", parts, cancellationToken);
        foreach (var part in parts)
        {
            if (!part.IsConstant)
            {
                segments.Add(part);
                continue;
            }

            SplitTemplate(part, arguments, segments, cancellationToken);
        }
    }

    // "Translate: {{$input}}" is the constant "Translate: " and a value filled in per call: the argument given for
    // $input where the code shows it, else a per-request value. {{time.Now}} calls a plugin: per request too.
    private static void SplitTemplate(
        PromptSegment part, Dictionary<string, IOperation> arguments, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        var text = part.Text!;
        var start = 0;
        while (start < text.Length)
        {
            var open = text.IndexOf("{{", start, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                segments.Add(new PromptSegment(part.Role, text.Substring(start), part.Source));
                return;
            }

            if (open > start)
                segments.Add(new PromptSegment(part.Role, text.Substring(start, open - start), part.Source));

            var hole = text.Substring(open + 2, close - open - 2).Trim();
            if (hole.StartsWith("$", StringComparison.Ordinal) && arguments.TryGetValue(hole.Substring(1), out var value))
                PromptText.AppendText(value, part.Role, segments, cancellationToken);
            else
                segments.Add(PromptSegment.Dynamic(part.Role, part.Source, Stability.Volatile, hole.TrimStart('$')));
            start = close + 2;
        }
    }

    private static bool IsNull(IOperation value) => value.ConstantValue is { HasValue: true, Value: null };
}
