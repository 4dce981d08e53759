using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

/// <summary>Turns the expressions a call sends into prompt segments: constant text where it can be seen, dynamic elsewhere.</summary>
internal static class PromptText
{
    private const int MaxDepth = 6;

    /// <summary>Appends the segments of a string-valued expression.</summary>
    public static void AppendText(IOperation? value, string role, List<PromptSegment> segments, CancellationToken cancellationToken, int depth = 0)
    {
        if (value is null || depth > MaxDepth)
        {
            segments.Add(new PromptSegment(role, null, value));
            return;
        }

        var unwrapped = OperationFlow.Unwrap(value);
        if (unwrapped.ConstantValue is { HasValue: true, Value: string constant })
        {
            segments.Add(new PromptSegment(role, constant, value));
            return;
        }

        var origin = OperationFlow.Origin(unwrapped, cancellationToken);
        if (origin.ConstantValue is { HasValue: true, Value: string followed })
        {
            segments.Add(new PromptSegment(role, followed, value));
            return;
        }

        switch (origin)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } })
                        segments.Add(new PromptSegment(role, text, part));
                    else if (part is IInterpolationOperation { Alignment: null, FormatString: null } hole)
                        AppendText(hole.Expression, role, segments, cancellationToken, depth + 1);
                    else
                        segments.Add(new PromptSegment(role, null, part));
                }

                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concat:
                AppendText(concat.LeftOperand, role, segments, cancellationToken, depth + 1);
                AppendText(concat.RightOperand, role, segments, cancellationToken, depth + 1);
                return;
            default:
                segments.Add(new PromptSegment(role, null, value));
                return;
        }
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
                merged[merged.Count - 1] = new PromptSegment(last.Role, last.Text + segment.Text, last.Source);
            else
                merged.Add(segment);
        }

        return merged;
    }
}
