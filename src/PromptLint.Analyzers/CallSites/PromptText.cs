using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

using Bindings = System.Collections.Generic.IReadOnlyDictionary<Microsoft.CodeAnalysis.IParameterSymbol, Microsoft.CodeAnalysis.IOperation>;

namespace PromptLint.Analyzers.CallSites;

/// <summary>Turns the expressions a call sends into prompt segments: constant text where it can be seen, dynamic elsewhere.</summary>
internal static class PromptText
{
    private const int MaxDepth = 6;

    /// <summary>
    /// Appends the segments of a string-valued expression: constant text where it can be seen, and for the rest a
    /// dynamic segment whose stability says how it changes between requests.
    /// </summary>
    public static void AppendText(
        IOperation? value, string role, List<PromptSegment> segments, CancellationToken cancellationToken, int depth = 0, Bindings? bindings = null)
    {
        if (value is null || depth > MaxDepth)
        {
            segments.Add(PromptSegment.Dynamic(role, value, Stability.Unknown));
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var unwrapped = OperationFlow.Unwrap(value);
        if (unwrapped.ConstantValue is { HasValue: true, Value: string constant })
        {
            segments.Add(new PromptSegment(role, constant, value));
            return;
        }

        switch (unwrapped)
        {
            // Inside a helper the prompt was followed into: the parameter is what the caller passed.
            case IParameterReferenceOperation parameter when bindings is not null && bindings.TryGetValue(parameter.Parameter.OriginalDefinition, out var argument):
                AppendText(argument, role, segments, cancellationToken, depth + 1);
                return;

            case ILocalReferenceOperation local when OperationFlow.SingleDefinition(local.Local, local) is { } definition:
                AppendText(definition, role, segments, cancellationToken, depth + 1, bindings);
                return;

            case IFieldReferenceOperation field:
                // A readonly field initialised with constant text reads as that text; any other field is what its
                // kind makes it (stable when readonly), without looking into how it was computed once.
                if (OperationFlow.Origin(field, cancellationToken).ConstantValue is { HasValue: true, Value: string text })
                    segments.Add(new PromptSegment(role, text, value));
                else
                    segments.Add(PromptSegment.Dynamic(role, value, StabilityClassifier.Classify(field, cancellationToken)));
                return;

            case IInvocationOperation invocation:
                AppendInvocation(invocation, role, segments, cancellationToken, depth, bindings);
                return;

            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                    AppendInterpolationPart(part, role, segments, cancellationToken, depth, bindings);
                return;

            case IInterpolatedStringHandlerCreationOperation { Content: IInterpolatedStringOperation handled }:
                // sb.Append($"...") binds to a handler; its parts are AppendLiteral and AppendFormatted calls.
                foreach (var part in handled.Parts)
                    AppendInterpolationPart(part, role, segments, cancellationToken, depth, bindings);
                return;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concat:
                // Flattened without recursion: a chain of thousands of + is still one level deep.
                foreach (var operand in Operands(concat))
                    AppendText(operand, role, segments, cancellationToken, depth + 1, bindings);
                return;

            default:
                segments.Add(PromptSegment.Dynamic(role, value, StabilityClassifier.Classify(unwrapped, cancellationToken)));
                return;
        }
    }

    /// <summary>A dynamic segment for an expression the adapters cannot read into, classified by how it changes.</summary>
    public static PromptSegment Dynamic(string role, IOperation? source, CancellationToken cancellationToken) =>
        PromptSegment.Dynamic(role, source, source is null ? Stability.Unknown : StabilityClassifier.Classify(source, cancellationToken));

    private static void AppendInterpolationPart(
        IOperation part, string role, List<PromptSegment> segments, CancellationToken cancellationToken, int depth, Bindings? bindings)
    {
        switch (part)
        {
            case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } }:
                segments.Add(new PromptSegment(role, text, part));
                return;
            case IInterpolationOperation { Alignment: null, FormatString: null } hole:
                AppendText(hole.Expression, role, segments, cancellationToken, depth + 1, bindings);
                return;
            case IInterpolationOperation hole:
                // {DateTime.UtcNow:O}: the format changes the text, not how often it changes.
                segments.Add(PromptSegment.Dynamic(role, hole.Expression, StabilityClassifier.Classify(hole.Expression, cancellationToken)));
                return;
            case IInterpolatedStringAppendOperation { Kind: OperationKind.InterpolatedStringAppendLiteral, AppendCall: IInvocationOperation literal }
                when literal.Arguments.Length == 1 && literal.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string text }:
                segments.Add(new PromptSegment(role, text, part));
                return;
            case IInterpolatedStringAppendOperation { Kind: OperationKind.InterpolatedStringAppendFormatted, AppendCall: IInvocationOperation formatted }
                when formatted.Arguments.Length >= 1:
                if (formatted.Arguments.Length == 1)
                    AppendText(formatted.Arguments[0].Value, role, segments, cancellationToken, depth + 1, bindings);
                else
                    segments.Add(PromptSegment.Dynamic(role, formatted.Arguments[0].Value, StabilityClassifier.Classify(formatted.Arguments[0].Value, cancellationToken)));
                return;
            default:
                segments.Add(PromptSegment.Dynamic(role, part, Stability.Unknown));
                return;
        }
    }

    private static void AppendInvocation(
        IInvocationOperation invocation, string role, List<PromptSegment> segments, CancellationToken cancellationToken, int depth, Bindings? bindings)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments.Where(static a => a.ArgumentKind != ArgumentKind.DefaultValue).ToList();

        if (method.ContainingType.SpecialType == SpecialType.System_String && method.IsStatic && method.Name == "Concat"
            && arguments.All(static a => a.Value.Type?.SpecialType is SpecialType.System_String or SpecialType.System_Object || a.ArgumentKind == ArgumentKind.ParamArray))
        {
            foreach (var argument in arguments)
            {
                var items = argument.ArgumentKind == ArgumentKind.ParamArray ? Elements(argument.Value, invocation, cancellationToken) : null;
                if (items is null)
                    AppendText(argument.Value, role, segments, cancellationToken, depth + 1, bindings);
                else
                    items.ForEach(item => AppendText(item, role, segments, cancellationToken, depth + 1, bindings));
            }

            return;
        }

        // string.Join(separator, items) over items written in place: the items with the separator between them.
        if (method.ContainingType.SpecialType == SpecialType.System_String && method.IsStatic && method.Name == "Join"
            && arguments.Count == 2 && arguments[0].Value.ConstantValue is { HasValue: true, Value: var separator }
            && Elements(arguments[1].Value, invocation, cancellationToken) is { } joined)
        {
            var separatorText = Convert.ToString(separator, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            for (var i = 0; i < joined.Count; i++)
            {
                if (i > 0 && separatorText.Length > 0)
                    segments.Add(new PromptSegment(role, separatorText, arguments[0].Value));
                AppendText(joined[i], role, segments, cancellationToken, depth + 1, bindings);
            }

            return;
        }

        if (method.ContainingType.SpecialType == SpecialType.System_String && method.IsStatic && method.Name == "Format"
            && arguments.Count >= 1 && arguments[0].Value.ConstantValue is { HasValue: true, Value: string format }
            && arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            var values = arguments.Skip(1).SelectMany(a => a.ArgumentKind == ArgumentKind.ParamArray
                ? Elements(a.Value, invocation, cancellationToken) ?? new List<IOperation> { a.Value }
                : new List<IOperation> { a.Value }).ToList();
            if (AppendFormat(format, values, role, segments, cancellationToken, depth, bindings))
                return;
        }

        if (method.Name == "ToString" && invocation.Arguments.Length == 0 && invocation.Instance is ILocalReferenceOperation builder
            && builder.Type?.Name == "StringBuilder" && builder.Type.ContainingNamespace?.ToDisplayString() == "System.Text")
        {
            StringBuilderText.Append(builder, invocation, role, segments, cancellationToken, depth, bindings);
            return;
        }

        var origin = OperationFlow.Origin(invocation, cancellationToken);
        if (!ReferenceEquals(origin, invocation))
        {
            // Text from a helper counts as its own; what changes is reported at the call, where the prompt uses it.
            var followed = new List<PromptSegment>();
            AppendText(origin, role, followed, cancellationToken, depth + 1, Bind(invocation));
            segments.AddRange(followed.Select(s => s.IsConstant ? s : s.WithSource(invocation)));
            return;
        }

        segments.Add(PromptSegment.Dynamic(role, invocation, StabilityClassifier.Classify(invocation, cancellationToken)));
    }

    // string.Format with a constant format: the literal parts are text, each {n} is its argument.
    private static bool AppendFormat(
        string format, List<IOperation> values, string role, List<PromptSegment> segments, CancellationToken cancellationToken, int depth, Bindings? bindings)
    {
        var parts = new List<PromptSegment>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
                return false;

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            var hole = close < 0 ? "" : format.Substring(i + 1, close - i - 1);
            var end = hole.IndexOfAny(new[] { ',', ':' });
            if (close < 0 || !int.TryParse(end < 0 ? hole : hole.Substring(0, end), out var index) || index < 0 || index >= values.Count)
                return false; // a malformed hole: not read

            if (literal.Length > 0)
                parts.Add(new PromptSegment(role, literal.ToString(), null));
            literal.Clear();

            // {0:t} or {0,10}: the alignment or format changes the text, not how often it changes.
            if (end < 0)
                AppendText(values[index], role, parts, cancellationToken, depth + 1, bindings);
            else
                parts.Add(PromptSegment.Dynamic(role, values[index], StabilityClassifier.Classify(values[index], cancellationToken)));
            i = close;
        }

        if (literal.Length > 0)
            parts.Add(new PromptSegment(role, literal.ToString(), null));
        segments.AddRange(parts);
        return true;
    }

    private static Bindings Bind(IInvocationOperation invocation)
    {
        var bindings = new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && argument.ArgumentKind != ArgumentKind.ParamArray)
                bindings[parameter.OriginalDefinition] = argument.Value;
        }

        return bindings;
    }

    private static IEnumerable<IOperation> Operands(IBinaryOperation concat)
    {
        var stack = new Stack<IOperation>();
        var operands = new List<IOperation>();
        stack.Push(concat);
        while (stack.Count > 0)
        {
            var current = OperationFlow.Unwrap(stack.Pop());
            if (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary
                && !binary.ConstantValue.HasValue)
            {
                stack.Push(binary.RightOperand);
                stack.Push(binary.LeftOperand);
            }
            else
            {
                operands.Add(current);
            }
        }

        return operands;
    }

    /// <summary>
    /// The element expressions of a collection the code builds in place: an array, a collection expression, a
    /// collection initializer, or a local list filled by <c>Add</c> calls before <paramref name="use"/>. Null when
    /// the collection comes from somewhere the analyzer cannot see.
    /// </summary>
    public static List<IOperation>? Elements(IOperation? collection, IOperation use, CancellationToken cancellationToken)
    {
        if (collection is null)
            return null;

        var value = OperationFlow.Unwrap(collection);
        if (value is ILocalReferenceOperation local)
            return LocalListElements(local.Local, use, cancellationToken);

        return ElementsOf(OperationFlow.Origin(value, cancellationToken));
    }

    private static List<IOperation>? ElementsOf(IOperation value)
    {
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues.ToList();
            case IObjectCreationOperation { Initializer: { } initializer }:
                var elements = new List<IOperation>();
                foreach (var item in initializer.Initializers)
                {
                    if (item is IInvocationOperation { Arguments.Length: 1 } add)
                        elements.Add(add.Arguments[0].Value);
                    else
                        return null;
                }

                return elements;
            case IObjectCreationOperation { Initializer: null, Arguments.Length: 0 }:
                return new List<IOperation>();
            default:
                // Roslyn 4.8 has no public operation for collection expressions; their elements are its children.
                if (value.Syntax is CollectionExpressionSyntax collectionSyntax)
                {
                    if (collectionSyntax.Elements.Any(static e => e is not ExpressionElementSyntax))
                        return null;
                    return value.ChildOperations.ToList();
                }

                return null;
        }
    }

    private static List<IOperation>? LocalListElements(ILocalSymbol local, IOperation use, CancellationToken cancellationToken)
    {
        var initializer = OperationFlow.SingleDefinition(local, use);
        if (initializer is null)
            return null;

        var elements = ElementsOf(OperationFlow.Origin(initializer, cancellationToken));
        if (elements is null)
            return null;

        var useStart = use.Syntax.SpanStart;
        foreach (var reference in OperationFlow.References(local, use).OrderBy(static r => r.Syntax.SpanStart))
        {
            if (reference.Syntax.SpanStart >= useStart)
                break;

            switch (reference.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when add.Instance == reference:
                    elements.Add(add.Arguments[0].Value);
                    break;
                case IVariableDeclaratorOperation:
                    break;
                default:
                    // Passed on, inserted into, or cleared: its content at the call is not known.
                    if (reference.Parent is not IVariableInitializerOperation)
                        return null;
                    break;
            }
        }

        return elements;
    }

    /// <summary>Merges neighbouring constant segments of the same role so each piece of text is counted once.</summary>
    public static List<PromptSegment> Merge(List<PromptSegment> segments)
    {
        var merged = new List<PromptSegment>(segments.Count);
        foreach (var segment in segments)
        {
            if (merged.Count > 0 && segment.IsConstant && merged[merged.Count - 1] is { IsConstant: true } last && last.Role == segment.Role)
                merged[merged.Count - 1] = last.WithText(last.Text + segment.Text);
            else
                merged.Add(segment);
        }

        return merged;
    }
}
