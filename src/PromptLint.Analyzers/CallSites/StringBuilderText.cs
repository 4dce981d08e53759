using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

/// <summary>
/// The text of a <c>StringBuilder</c> local at a <c>ToString()</c> call: its initial value and the <c>Append</c> and
/// <c>AppendLine</c> calls made on it before, in order, within the method. An append inside a loop or a branch the
/// declaration is not in, or any other use of the builder, makes the rest unknown.
/// </summary>
internal static class StringBuilderText
{
    public static void Append(
        ILocalReferenceOperation builder,
        IInvocationOperation toString,
        string role,
        List<PromptSegment> segments,
        CancellationToken cancellationToken,
        int depth,
        IReadOnlyDictionary<IParameterSymbol, IOperation>? bindings)
    {
        var local = builder.Local;
        var root = OperationFlow.Root(toString);
        var declaration = OperationFlow.Descendants(root).OfType<IVariableDeclaratorOperation>()
            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local));
        if (declaration?.Initializer?.Value is not IObjectCreationOperation creation
            || OperationFlow.SingleDefinition(local, toString) is null)
        {
            segments.Add(PromptSegment.Dynamic(role, toString, StabilityClassifier.Classify(toString, cancellationToken)));
            return;
        }

        if (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
            PromptText.AppendText(creation.Arguments[0].Value, role, segments, cancellationToken, depth + 1, bindings);

        var useStart = toString.Syntax.SpanStart;
        foreach (var reference in OperationFlow.References(local, toString).OrderBy(static r => r.Syntax.SpanStart))
        {
            if (reference.Syntax.SpanStart >= useStart)
                break;
            if (ReferenceEquals(reference, builder))
                continue;

            if (!TryAppendChain(reference, declaration, role, segments, cancellationToken, depth, bindings))
            {
                segments.Add(PromptSegment.Dynamic(role, reference, Stability.Unknown));
                return;
            }
        }
    }

    // sb.Append(a).AppendLine(b);  as a statement of its own, in the block where sb is declared or one it encloses.
    private static bool TryAppendChain(
        ILocalReferenceOperation reference,
        IVariableDeclaratorOperation declaration,
        string role,
        List<PromptSegment> segments,
        CancellationToken cancellationToken,
        int depth,
        IReadOnlyDictionary<IParameterSymbol, IOperation>? bindings)
    {
        IOperation current = reference;
        var appended = false;
        while (current.Parent is IInvocationOperation call && ReferenceEquals(call.Instance, current) && IsAppend(call))
        {
            if (InLoopOrBranch(call, declaration))
                return false;

            var text = call.Arguments.FirstOrDefault(static a => a.ArgumentKind != ArgumentKind.DefaultValue)?.Value;
            if (text is null)
            {
                // AppendLine() adds only the line break.
            }
            else if (text.Type?.SpecialType == SpecialType.System_String || text is IInterpolatedStringHandlerCreationOperation)
            {
                PromptText.AppendText(text, role, segments, cancellationToken, depth + 1, bindings);
            }
            else if (text.ConstantValue is { HasValue: true, Value: { } constant })
            {
                segments.Add(new PromptSegment(role, Convert.ToString(constant, System.Globalization.CultureInfo.InvariantCulture) ?? "", text));
            }
            else
            {
                segments.Add(PromptSegment.Dynamic(role, text, StabilityClassifier.Classify(text, cancellationToken)));
            }

            if (call.TargetMethod.Name == "AppendLine")
                segments.Add(new PromptSegment(role, "\n", call));

            appended = true;
            current = call;
        }

        return appended && current.Parent is IExpressionStatementOperation;
    }

    private static bool IsAppend(IInvocationOperation call) =>
        call.TargetMethod.Name is "Append" or "AppendLine"
        && call.TargetMethod.ContainingType is { Name: "StringBuilder" } type
        && type.ContainingNamespace?.ToDisplayString() == "System.Text"
        && call.Arguments.Count(static a => a.ArgumentKind != ArgumentKind.DefaultValue) <= 1;

    private static bool InLoopOrBranch(IOperation operation, IOperation declaration)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Syntax.Span.Contains(declaration.Syntax.Span))
                return false;
            if (parent is ILoopOperation or IConditionalOperation or ISwitchOperation or ITryOperation or IAnonymousFunctionOperation)
                return true;
        }

        return false;
    }
}
