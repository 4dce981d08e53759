using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CallSites;

/// <summary>
/// Follows a value back to where it was made, within what one method and its syntax tree show: locals assigned
/// once, readonly fields with an initializer, and helper methods with a single return. Anything else stops the walk.
/// </summary>
internal static class OperationFlow
{
    private const int MaxDepth = 4;

    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { Operand: { } operand }:
                    operation = operand;
                    continue;
                case IParenthesizedOperation { Operand: { } inner }:
                    operation = inner;
                    continue;
                default:
                    return operation;
            }
        }
    }

    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
            operation = parent;
        return operation;
    }

    public static IEnumerable<IOperation> Descendants(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not null)
                    stack.Push(child);
            }
        }
    }

    /// <summary>
    /// The value an expression evaluates to after following locals, fields and helpers; the expression itself
    /// (unwrapped) when it leads nowhere further.
    /// </summary>
    public static IOperation Origin(IOperation operation, CancellationToken cancellationToken, int depth = 0)
    {
        var current = Unwrap(operation);
        if (depth >= MaxDepth || current.ConstantValue.HasValue)
            return current;

        cancellationToken.ThrowIfCancellationRequested();
        var next = current switch
        {
            ILocalReferenceOperation local => SingleDefinition(local.Local, current),
            IFieldReferenceOperation field => FieldInitializer(field, cancellationToken),
            IInvocationOperation call => SingleReturn(call, cancellationToken),
            _ => null,
        };

        return next is null ? current : Origin(next, cancellationToken, depth + 1);
    }

    /// <summary>The initializer of a local that is never assigned after its declaration, or null.</summary>
    public static IOperation? SingleDefinition(ILocalSymbol local, IOperation use)
    {
        IOperation? initializer = null;
        foreach (var operation in Descendants(Root(use)))
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initializer = declarator.Initializer?.Value
                        ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target }
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed }
                    when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    return null;
            }
        }

        return initializer;
    }

    /// <summary>All references to a local inside the method that declares it.</summary>
    public static IEnumerable<ILocalReferenceOperation> References(ILocalSymbol local, IOperation use) =>
        Descendants(Root(use)).OfType<ILocalReferenceOperation>()
            .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local));

    private static IOperation? FieldInitializer(IFieldReferenceOperation reference, CancellationToken cancellationToken)
    {
        var field = reference.Field;
        if (!field.IsReadOnly || reference.SemanticModel is not { } model)
            return null;

        foreach (var syntaxReference in field.DeclaringSyntaxReferences)
        {
            if (syntaxReference.SyntaxTree != model.SyntaxTree)
                continue;

            if (syntaxReference.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax
                {
                    Initializer.Value: { } value,
                })
            {
                return model.GetOperation(value, cancellationToken);
            }
        }

        return null;
    }

    private static IOperation? SingleReturn(IInvocationOperation call, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || call.SemanticModel is not { } model)
            return null;

        foreach (var syntaxReference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (syntaxReference.SyntaxTree != model.SyntaxTree)
                continue;

            var body = model.GetOperation(syntaxReference.GetSyntax(cancellationToken), cancellationToken);
            if (body is null)
                continue;

            var returns = Descendants(body).OfType<IReturnOperation>()
                .Where(static r => r.Kind == OperationKind.Return && r.ReturnedValue is not null).Take(2).ToList();
            return returns.Count == 1 ? returns[0].ReturnedValue : null;
        }

        return null;
    }
}
