using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

/// <summary>
/// Decides how an expression whose text is not known changes between requests. Volatile needs evidence (the clock,
/// a new id, randomness, a method parameter, an awaited result, a loop variable); stable needs evidence too (a static
/// or readonly field, configuration, a constructor parameter). Anything else is unknown, never guessed.
/// </summary>
internal static class StabilityClassifier
{
    private const int MaxDepth = 6;

    public static Stability Classify(IOperation? operation, CancellationToken cancellationToken, int depth = 0)
    {
        if (operation is null || depth > MaxDepth)
            return Stability.Unknown;

        cancellationToken.ThrowIfCancellationRequested();
        var value = OperationFlow.Unwrap(operation);
        if (value.ConstantValue.HasValue)
            return Stability.Constant;

        switch (value)
        {
            case IParameterReferenceOperation parameter:
                // A constructor's parameters are per instance (configuration, injected services); a method's are
                // what the caller sends with each request.
                return parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor }
                    ? Stability.Stable
                    : Stability.Volatile;

            case IAwaitOperation awaited:
                // Awaited results are per-request data, except a prompt read from a fixed file or resource.
                return Classify(awaited.Operation, cancellationToken, depth + 1) == Stability.Stable && IsPromptFileRead(awaited.Operation)
                    ? Stability.Stable
                    : Stability.Volatile;

            case ILocalReferenceOperation local:
                if (IsLoopVariable(local))
                    return Stability.Volatile;
                var definition = OperationFlow.SingleDefinition(local.Local, local);
                return definition is null ? Stability.Unknown : Classify(definition, cancellationToken, depth + 1);

            case IFieldReferenceOperation field:
                if (field.Field.IsReadOnly || field.Field.IsConst)
                    return Worst(Stability.Stable, InstanceStability(field.Instance, cancellationToken, depth));
                return Stability.Unknown;

            case IPropertyReferenceOperation property:
                if (IsVolatileProperty(property.Property))
                    return Stability.Volatile;
                if (IsConfiguration(property.Property.ContainingType))
                    return Stability.Stable;
                if (property.Instance is null)
                    return Stability.Unknown;
                // request.Question is as volatile as request; _options.Value.Prompt as stable as _options.
                var instance = Classify(property.Instance, cancellationToken, depth + 1);
                return instance == Stability.Constant ? Stability.Unknown : Worst(instance, ArgumentsStability(property.Arguments, cancellationToken, depth));

            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, cancellationToken, depth);

            case IInterpolatedStringOperation interpolated:
                return interpolated.Parts.Aggregate(Stability.Constant, (worst, part) => Worst(worst, part switch
                {
                    IInterpolationOperation hole => Classify(hole.Expression, cancellationToken, depth + 1),
                    _ => Stability.Constant,
                }));

            case IBinaryOperation binary:
                return Worst(Classify(binary.LeftOperand, cancellationToken, depth + 1), Classify(binary.RightOperand, cancellationToken, depth + 1));

            case IConditionalOperation conditional:
                return Worst(
                    Classify(conditional.Condition, cancellationToken, depth + 1),
                    Worst(Classify(conditional.WhenTrue, cancellationToken, depth + 1), Classify(conditional.WhenFalse, cancellationToken, depth + 1)));

            case ICoalesceOperation coalesce:
                return Worst(Classify(coalesce.Value, cancellationToken, depth + 1), Classify(coalesce.WhenNull, cancellationToken, depth + 1));

            case IInstanceReferenceOperation:
                return Stability.Stable;

            default:
                return Stability.Unknown;
        }
    }

    public static Stability Worst(Stability left, Stability right) => left > right ? left : right;

    private static Stability ClassifyInvocation(IInvocationOperation invocation, CancellationToken cancellationToken, int depth)
    {
        var method = invocation.TargetMethod;
        if (IsVolatileMethod(method))
            return Stability.Volatile;

        if (IsPromptFileRead(invocation))
            return Stability.Stable;

        // A helper in the same file with one return: judge what it returns.
        var origin = OperationFlow.Origin(invocation, cancellationToken);
        if (!ReferenceEquals(origin, OperationFlow.Unwrap(invocation)))
            return Classify(origin, cancellationToken, depth + 1);

        // Formatting, joining and converting keep the stability of their inputs (DateTime.UtcNow.ToString("O")).
        var inputs = ArgumentsStability(invocation.Arguments, cancellationToken, depth);
        if (invocation.Instance is { } receiver)
            inputs = Worst(inputs, Classify(receiver, cancellationToken, depth + 1));

        if (inputs == Stability.Volatile)
            return Stability.Volatile;

        if (IsConfiguration(method.ContainingType))
            return Stability.Stable;

        return IsPureTextMethod(method) ? inputs : Stability.Unknown;
    }

    private static Stability ArgumentsStability(IEnumerable<IArgumentOperation> arguments, CancellationToken cancellationToken, int depth)
    {
        var worst = Stability.Constant;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                continue;
            worst = Worst(worst, Classify(argument.Value, cancellationToken, depth + 1));
        }

        return worst;
    }

    private static Stability InstanceStability(IOperation? instance, CancellationToken cancellationToken, int depth) =>
        instance is null or IInstanceReferenceOperation ? Stability.Stable : Classify(instance, cancellationToken, depth + 1);

    // File.ReadAllText("prompts/system.md"), or reading an embedded resource: the same text for the whole process run.
    private static bool IsPromptFileRead(IOperation operation)
    {
        if (OperationFlow.Unwrap(operation) is not IInvocationOperation call)
            return false;

        var method = call.TargetMethod;
        var type = method.ContainingType;
        if (type.Name == "File" && type.ContainingNamespace?.ToDisplayString() == "System.IO"
            && method.Name.StartsWith("ReadAll", StringComparison.Ordinal)
            && call.Arguments.Length > 0 && call.Arguments[0].Value.ConstantValue.HasValue)
        {
            return true;
        }

        // new StreamReader(assembly.GetManifestResourceStream("...")).ReadToEnd()
        return method.Name.StartsWith("ReadToEnd", StringComparison.Ordinal)
            && call.Instance is { } reader
            && OperationFlow.Unwrap(reader) is IObjectCreationOperation { Arguments.Length: > 0 } creation
            && OperationFlow.Unwrap(creation.Arguments[0].Value) is IInvocationOperation { TargetMethod.Name: "GetManifestResourceStream" };
    }

    private static bool IsLoopVariable(ILocalReferenceOperation local)
    {
        for (var parent = local.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IForEachLoopOperation loop && loop.Locals.Contains(local.Local, SymbolEqualityComparer.Default))
                return true;
        }

        return false;
    }

    private static bool IsVolatileProperty(IPropertySymbol property)
    {
        var type = property.ContainingType;
        return (IsSystemType(type, "DateTime") && property.Name is "Now" or "UtcNow" or "Today")
            || (IsSystemType(type, "DateTimeOffset") && property.Name is "Now" or "UtcNow")
            || (IsSystemType(type, "Environment") && property.Name is "TickCount" or "TickCount64")
            || (type.Name == "Stopwatch" && property.Name.StartsWith("Elapsed", StringComparison.Ordinal));
    }

    private static bool IsVolatileMethod(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return (IsSystemType(type, "Guid") && method.Name is "NewGuid" or "CreateVersion7")
            || (IsSystemType(type, "Random") && method.Name.StartsWith("Next", StringComparison.Ordinal))
            || (IsSystemType(type, "TimeProvider") && method.Name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp")
            || (type.Name == "Stopwatch" && method.Name is "GetTimestamp" or "GetElapsedTime");
    }

    private static bool IsSystemType(INamedTypeSymbol? type, string name) =>
        type is not null && type.Name == name && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    private static bool IsConfiguration(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.Configuration" or "Microsoft.Extensions.Options")
                return true;
        }

        return type?.AllInterfaces.Any(static i => i.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration") == true;
    }

    // Methods whose result is made only from their inputs: the text changes only when the inputs do.
    private static bool IsPureTextMethod(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type.SpecialType == SpecialType.System_String)
            return true;

        return method.Name is "ToString" or "ToUpper" or "ToLower" or "ToUpperInvariant" or "ToLowerInvariant" or "Trim"
            || (type.Name is "Convert" or "Math" && type.ContainingNamespace?.Name == "System")
            || (type.Name == "Enumerable" && type.ContainingNamespace?.ToDisplayString() == "System.Linq");
    }
}
