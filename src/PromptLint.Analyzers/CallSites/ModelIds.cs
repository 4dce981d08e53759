using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

internal static class ModelIds
{
    /// <summary>The model id an expression holds: a constant string, or an SDK enum member such as Anthropic's <c>Model</c>, or a Betalgo <c>Models</c> member.</summary>
    public static ModelReference FromExpression(IOperation? expression, ModelSource source, CancellationToken cancellationToken)
    {
        if (expression is null)
            return ModelReference.None;

        var origin = OperationFlow.Origin(expression, cancellationToken);
        if (origin.ConstantValue is { HasValue: true, Value: string id } && id.Length > 0)
            return new ModelReference(id, source, expression);

        // Betalgo's Models.Gpt_4o (a static property) and Models.Model.Gpt_4o (an enum member) spell ids their own way.
        if (origin is IMemberReferenceOperation { Member: { } betalgo } && Sdk.BetalgoModelNames.IsModelsMember(betalgo))
        {
            return Sdk.BetalgoModelNames.FromMemberName(betalgo.Name) is { } mapped
                ? new ModelReference(mapped, source, expression)
                : ModelReference.None;
        }

        if (origin is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } member })
            return new ModelReference(FromEnumMemberName(member.Name), source, expression);

        return ModelReference.None;
    }

    /// <summary>
    /// Maps an SDK enum member to the id it serialises to: <c>ClaudeSonnet4_5</c> is <c>claude-sonnet-4-5</c>,
    /// <c>ClaudeHaiku4_5_20251001</c> is <c>claude-haiku-4-5-20251001</c>.
    /// </summary>
    public static string FromEnumMemberName(string name)
    {
        var id = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var previous = i > 0 ? name[i - 1] : '\0';
            if (c == '_')
            {
                id.Append('-');
                continue;
            }

            var startsWord = i > 0 && previous != '_'
                && ((char.IsUpper(c) && !char.IsUpper(previous)) || (char.IsDigit(c) && char.IsLetter(previous)));
            if (startsWord)
                id.Append('-');
            id.Append(char.ToLowerInvariant(c));
        }

        return id.ToString();
    }
}
