using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

/// <summary>Reads the output-token cap from an options argument, following the options object where it can.</summary>
internal static class CapReader
{
    public static OutputCap FromOptionsArgument(
        IInvocationOperation invocation,
        IParameterSymbol? optionsParameter,
        INamedTypeSymbol? optionsType,
        string capProperty,
        CancellationToken cancellationToken)
    {
        var argument = optionsParameter is null
            ? null
            : invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, optionsParameter));

        if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            return OutputCap.Missing("no options are passed", CapFix.AddOptionsArgument, invocation.Syntax, optionsType, capProperty);

        var value = OperationFlow.Unwrap(argument.Value);
        if (IsNull(value))
            return OutputCap.Missing("the options are null", CapFix.ReplaceNull, value.Syntax, optionsType, capProperty);

        return FromOptions(value, invocation, optionsType, capProperty, cancellationToken);
    }

    public static OutputCap FromOptions(
        IOperation value,
        IOperation use,
        INamedTypeSymbol? optionsType,
        string capProperty,
        CancellationToken cancellationToken)
    {
        if (value is ILocalReferenceOperation local)
            return FromLocal(local, use, optionsType, capProperty, cancellationToken);

        if (IsNull(value))
            return OutputCap.Missing("the options are null", CapFix.ReplaceNull, value.Syntax, optionsType, capProperty);

        var origin = OperationFlow.Origin(value, cancellationToken);
        if (origin is IObjectCreationOperation creation && Sdk.SdkSymbols.IsOrDerives(creation.Type, optionsType))
            return FromCreation(creation, capProperty);

        if (origin is ILocalReferenceOperation originLocal && !ReferenceEquals(originLocal, value))
            return FromLocal(originLocal, originLocal, optionsType, capProperty, cancellationToken);

        return OutputCap.Unknown;
    }

    /// <summary>The cap an object initializer sets, or a missing cap that the fix adds to that initializer.</summary>
    public static OutputCap FromCreation(IObjectCreationOperation creation, string capProperty)
    {
        var assignment = InitializerAssignment(creation, capProperty);
        if (assignment is null)
            return OutputCap.Missing("the options set no cap", CapFix.AddToInitializer, creation.Syntax, creation.Type, capProperty);

        return FromAssignedValue(assignment.Value, creation.Type, capProperty);
    }

    /// <summary>The assignment to <paramref name="propertyName"/> in an object initializer, if the initializer sets it.</summary>
    public static ISimpleAssignmentOperation? InitializerAssignment(IObjectCreationOperation creation, string propertyName)
    {
        if (creation.Initializer is null)
            return null;

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                && property.Property.Name == propertyName)
            {
                return assignment;
            }
        }

        return null;
    }

    public static int? ConstantInt(IOperation value)
    {
        var constant = value.ConstantValue.HasValue ? value.ConstantValue : OperationFlow.Unwrap(value).ConstantValue;
        if (!constant.HasValue)
            return null;

        return constant.Value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            _ => null,
        };
    }

    private static OutputCap FromAssignedValue(IOperation value, ITypeSymbol? optionsType, string capProperty)
    {
        var unwrapped = OperationFlow.Unwrap(value);
        if (IsNull(unwrapped))
            return OutputCap.Missing("the cap is set to null", CapFix.ReplaceNull, unwrapped.Syntax, optionsType, capProperty);

        return OutputCap.Set(ConstantInt(value), value.Syntax);
    }

    private static OutputCap FromLocal(
        ILocalReferenceOperation local,
        IOperation use,
        INamedTypeSymbol? optionsType,
        string capProperty,
        CancellationToken cancellationToken)
    {
        var initializer = OperationFlow.SingleDefinition(local.Local, use);
        if (initializer is null)
            return OutputCap.Unknown;

        ISimpleAssignmentOperation? lastAssignment = null;
        var useStart = use.Syntax.SpanStart;
        foreach (var reference in OperationFlow.References(local.Local, use))
        {
            switch (reference.Parent)
            {
                case IPropertyReferenceOperation { Property.Name: var name, Parent: ISimpleAssignmentOperation assignment }
                    when name == capProperty && assignment.Target == reference.Parent:
                    if (assignment.Syntax.SpanStart < useStart
                        && (lastAssignment is null || assignment.Syntax.SpanStart > lastAssignment.Syntax.SpanStart))
                    {
                        lastAssignment = assignment;
                    }

                    break;
                case IArgumentOperation { Parent: IInvocationOperation other } when !IsLlmCallLike(other, use):
                    // Handed to code that may set the cap; no claim either way.
                    return OutputCap.Unknown;
            }
        }

        if (lastAssignment is not null)
            return FromAssignedValue(lastAssignment.Value, optionsType, capProperty);

        return FromOptions(OperationFlow.Unwrap(initializer), use, optionsType, capProperty, cancellationToken);
    }

    // The same options passed to another call of the same method (a second request) does not set a cap.
    private static bool IsLlmCallLike(IInvocationOperation other, IOperation use) =>
        use is IInvocationOperation call && other.TargetMethod.Name == call.TargetMethod.Name;

    private static bool IsNull(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation;
}
