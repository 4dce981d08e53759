using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

internal static class PromptLocations
{
    /// <summary>
    /// Where a prompt is written, for an additional location: the field's declaration when the prompt is a field,
    /// else the expression itself when it is in the call's file.
    /// </summary>
    public static Location? Declaration(IOperation? source, SyntaxTree callTree)
    {
        var value = source is null ? null : OperationFlow.Unwrap(source);
        if (value is IFieldReferenceOperation { Field.DeclaringSyntaxReferences: { Length: > 0 } references })
            return Location.Create(references[0].SyntaxTree, references[0].Span);

        return value?.Syntax.SyntaxTree == callTree ? value.Syntax.GetLocation() : null;
    }
}
