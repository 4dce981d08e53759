using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>
/// PL3002: a call site that runs on every iteration of a loop nothing bounds: <c>while (true)</c>, <c>for (;;)</c>, or a
/// loop whose condition and exits test only the model's answer, cancellation or the clock, with no counter or budget.
/// Only the method that holds the call is read; a loop that reads anything else (a queue, user input, a field) before
/// it stops is taken as bounded by it.
/// </summary>
internal static class AgentLoopRule
{
    public static Diagnostic? Check(CallSite callSite, CallSiteIndex index, CancellationToken cancellationToken)
    {
        IOperation child = callSite.Invocation;
        for (var parent = child.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyBaseOperation)
                return null;

            if (parent is not ILoopOperation loop || !RunsOnEveryIteration(loop, child))
                continue;

            var verdict = new LoopAnalysis(loop, index, cancellationToken).Verdict();
            if (verdict is { } reason)
            {
                return Diagnostic.Create(
                    Descriptors.UnboundedAgentLoop,
                    callSite.Invocation.Syntax.GetLocation(),
                    additionalLocations: new[] { LoopKeyword(loop) },
                    properties: null,
                    callSite.SdkDisplayName,
                    Describe(loop),
                    Explain(reason));
            }
        }

        return null;
    }

    private static bool RunsOnEveryIteration(ILoopOperation loop, IOperation child) => loop switch
    {
        _ when child == loop.Body => true,
        IWhileLoopOperation whileLoop => child == whileLoop.Condition,
        IForLoopOperation forLoop => child == forLoop.Condition || forLoop.AtLoopBottom.Contains(child),
        _ => false,
    };

    private static string Describe(ILoopOperation loop) => loop switch
    {
        IForLoopOperation { Condition: null } => "'for (;;)'",
        IForLoopOperation => "a 'for' loop",
        IWhileLoopOperation { ConditionIsTop: true } whileLoop when IsTrue(whileLoop.Condition) => "'while (true)'",
        IWhileLoopOperation whileLoop when IsTrue(whileLoop.Condition) => "'do ... while (true)'",
        IWhileLoopOperation { ConditionIsTop: true } => "a 'while' loop",
        IWhileLoopOperation => "a 'do ... while' loop",
        _ => "a loop",
    };

    private static bool IsTrue(IOperation? condition) => condition is null or { ConstantValue: { HasValue: true, Value: true } };

    private static string Explain(LoopReason reason) => reason switch
    {
        LoopReason.ModelAnswer => "only the model's answer ends it, and a model that never gives that answer keeps it running",
        LoopReason.RetriesFailures => "it sends the request again after every failure, with no limit on the attempts",
        LoopReason.TimeOnly => "only cancellation or the clock ends it, which limits its time, not its spend",
        _ => "nothing in it ends the loop",
    };

    private static Location LoopKeyword(ILoopOperation loop) =>
        loop.Syntax.GetFirstToken().GetLocation();
}

internal enum LoopReason
{
    NoExit,
    ModelAnswer,
    RetriesFailures,
    TimeOnly,
}

/// <summary>What one loop's condition and exits depend on, within the method that holds it.</summary>
internal sealed class LoopAnalysis
{
    private const int MaxDepth = 8;

    private readonly ILoopOperation _loop;
    private readonly CallSiteIndex _index;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<ISymbol> _counters = new(SymbolEqualityComparer.Default);

    // The values each symbol is given inside the loop; a null entry is a write the analyzer cannot follow (ref, out).
    private readonly Dictionary<ISymbol, List<IOperation?>> _writes = new(SymbolEqualityComparer.Default);

    public LoopAnalysis(ILoopOperation loop, CallSiteIndex index, CancellationToken cancellationToken)
    {
        _loop = loop;
        _index = index;
        _cancellationToken = cancellationToken;
        foreach (var part in Iterated(loop))
            CollectWrites(part);
    }

    [Flags]
    private enum Source
    {
        None = 0,

        /// <summary>A counter or budget: a variable the loop increments, decrements, or adds to or subtracts from.</summary>
        Counter = 1,

        /// <summary>Something the analyzer cannot see change: a queue, user input, a field, another method's answer.</summary>
        External = 2,

        /// <summary>The result of an LLM call.</summary>
        Answer = 4,

        /// <summary>A cancellation token, a clock or a stopwatch.</summary>
        Time = 8,
    }

    /// <summary>Why nothing bounds the loop, or null when something does (or may).</summary>
    public LoopReason? Verdict()
    {
        if (_loop is IForEachLoopOperation || _loop.LoopKind == LoopKind.ForTo || IsPaced())
            return null;

        var open = Source.None;
        var condition = _loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };

        // A half-typed condition is not worth a finding yet; the compiler already reports it. A constant false
        // condition (do { } while (false)) runs the body at most once.
        if (condition is not null
            && (condition.Syntax.ContainsDiagnostics || condition.ConstantValue is { HasValue: true, Value: false }))
        {
            return null;
        }

        if (condition is not null && !condition.ConstantValue.HasValue)
        {
            var source = Classify(condition);
            if (Bounds(source))
                return null;
            open |= source;
        }

        var retriesFailures = false;
        foreach (var exit in Exits())
        {
            var guard = Guard(exit);
            if (guard.Bounds)
                return null;
            open |= guard.Source;
            retriesFailures |= guard.RetriesFailures;
        }

        if ((open & Source.Answer) != 0)
            return LoopReason.ModelAnswer;
        if (retriesFailures)
            return LoopReason.RetriesFailures;
        return (open & Source.Time) != 0 ? LoopReason.TimeOnly : LoopReason.NoExit;
    }

    private static bool Bounds(Source source) => (source & (Source.Counter | Source.External)) != 0;

    // The parts of the loop that run on every iteration (a for loop's initializer runs once).
    private static IEnumerable<IOperation> Iterated(ILoopOperation loop)
    {
        if (loop.Body is { } body)
            yield return body;

        switch (loop)
        {
            case IWhileLoopOperation { Condition: { } condition }:
                yield return condition;
                break;
            case IForLoopOperation forLoop:
                if (forLoop.Condition is { } forCondition)
                    yield return forCondition;
                foreach (var bottom in forLoop.AtLoopBottom)
                    yield return bottom;
                break;
        }
    }

    private void CollectWrites(IOperation root)
    {
        foreach (var operation in OperationFlow.Descendants(root))
        {
            switch (operation)
            {
                case IIncrementOrDecrementOperation { Target: var target } when Symbol(target) is { } counter:
                    _counters.Add(counter);
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound
                    when Symbol(compound.Target) is { } budget:
                    _counters.Add(budget);
                    break;
                case ISimpleAssignmentOperation { Target: var target, Value: var value } when Symbol(target) is { } written:
                    if (IsSelfArithmetic(written, value))
                        _counters.Add(written);
                    else
                        Write(written, value);
                    break;
                case IVariableDeclaratorOperation declarator:
                    var initializer = declarator.Initializer?.Value
                        ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    if (initializer is not null)
                        Write(declarator.Symbol, initializer);
                    break;
                case IForEachLoopOperation nested:
                    foreach (var local in nested.Locals)
                        Write(local, nested.Collection);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument
                    when Symbol(argument.Value) is { } byRef:
                    Write(byRef, null);
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation outLocal }:
                    Write(outLocal.Local, null);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var element in OperationFlow.Descendants(deconstruction.Target))
                    {
                        if (Symbol(element) is { } part)
                            Write(part, deconstruction.Value);
                    }

                    break;
            }
        }
    }

    private void Write(ISymbol symbol, IOperation? value)
    {
        if (!_writes.TryGetValue(symbol, out var values))
            _writes[symbol] = values = new List<IOperation?>();
        values.Add(value);
    }

    // remaining = remaining - tokens, turns = turns + 1.
    private static bool IsSelfArithmetic(ISymbol target, IOperation value) =>
        OperationFlow.Unwrap(value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary
        && (SymbolEqualityComparer.Default.Equals(Symbol(OperationFlow.Unwrap(binary.LeftOperand)), target)
            || SymbolEqualityComparer.Default.Equals(Symbol(OperationFlow.Unwrap(binary.RightOperand)), target));

    private static ISymbol? Symbol(IOperation? operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    // A loop that waits a fixed time, a timer tick or a person's input on every iteration is paced by it.
    private bool IsPaced()
    {
        if (_loop.Body is not IBlockOperation body)
            return false;

        foreach (var statement in body.Operations)
        {
            var value = statement switch
            {
                IExpressionStatementOperation expression => expression.Operation,
                IVariableDeclarationGroupOperation group => group.Declarations.SelectMany(static d => d.Declarators)
                    .Select(static d => d.Initializer?.Value).FirstOrDefault(static v => v is not null),
                _ => null,
            };
            if (value is IAwaitOperation awaited)
                value = awaited.Operation;
            if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
                value = configured;
            if (OperationFlow.Unwrap(value ?? statement) is IInvocationOperation { TargetMethod: var method } && IsPacing(method))
                return true;
        }

        return false;
    }

    private static bool IsPacing(IMethodSymbol method) => (OutputCap.FullName(method.ContainingType), method.Name) switch
    {
        ("System.Threading.Tasks.Task", "Delay") => true,
        ("System.Threading.Thread", "Sleep") => true,
        ("System.Threading.PeriodicTimer", "WaitForNextTickAsync") => true,
        ("System.Console", "ReadLine" or "ReadKey") => true,
        _ => false,
    };

    private IEnumerable<IOperation> Exits()
    {
        if (_loop.Body is null)
            yield break;

        foreach (var operation in OperationFlow.Descendants(_loop.Body))
        {
            var isExit = operation switch
            {
                IBranchOperation { BranchKind: BranchKind.Break } branch =>
                    SymbolEqualityComparer.Default.Equals(branch.Target, _loop.ExitLabel),
                IBranchOperation { BranchKind: BranchKind.GoTo } => true,
                IReturnOperation => true,
                IThrowOperation => true,
                _ => false,
            };
            if (isExit && !InsideNestedFunction(operation))
                yield return operation;
        }
    }

    private bool InsideNestedFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null && current != _loop; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }

    private readonly struct ExitGuard
    {
        public ExitGuard(bool bounds, Source source, bool retriesFailures)
        {
            Bounds = bounds;
            Source = source;
            RetriesFailures = retriesFailures;
        }

        public bool Bounds { get; }

        public Source Source { get; }

        public bool RetriesFailures { get; }
    }

    // What decides whether one exit is taken: the conditions around it, up to the loop.
    private ExitGuard Guard(IOperation exit)
    {
        // A yield return hands each answer to the caller, who decides how many iterations to ask for.
        if (exit is IReturnOperation { Kind: OperationKind.YieldReturn })
            return new ExitGuard(bounds: true, Source.None, retriesFailures: false);

        var guards = new List<IOperation>();
        var filters = new List<IOperation>();
        var inCatch = false;
        var inTryWithCatch = false;
        IOperation child = exit;
        for (var parent = exit.Parent; parent is not null && parent != _loop; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when child != conditional.Condition:
                    guards.Add(conditional.Condition);
                    break;
                case ISwitchCaseOperation switchCase:
                    if (switchCase.Parent is ISwitchOperation { Value: { } switched })
                        guards.Add(switched);
                    guards.AddRange(switchCase.Clauses); // with their 'when' guards
                    break;
                case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                    guards.Add(coalesce.Value);
                    break;
                case IWhileLoopOperation { Condition: { } nestedCondition } when child != nestedCondition:
                    guards.Add(nestedCondition);
                    break;
                case IForLoopOperation { Condition: { } forCondition } when child != forCondition:
                    guards.Add(forCondition);
                    break;
                case ICatchClauseOperation catchClause:
                    inCatch = true;
                    if (catchClause.Filter is { } filter)
                        guards.Add(filter);
                    break;
                case ITryOperation tryOperation when child == tryOperation.Body && tryOperation.Catches.Length > 0:
                    inTryWithCatch = true;
                    filters.AddRange(tryOperation.Catches.Select(static c => c.Filter).Where(static f => f is not null)!);
                    break;
            }
        }

        var source = Source.None;
        foreach (var guard in guards)
            source |= Classify(guard);

        if (guards.Count > 0)
            return new ExitGuard(Bounds(source), source, retriesFailures: false);

        // An exit taken only when a call fails does not end a loop that keeps succeeding.
        if (inCatch)
            return new ExitGuard(bounds: false, Source.None, retriesFailures: false);

        if (inTryWithCatch)
        {
            foreach (var filter in filters)
                source |= Classify(filter);
            return new ExitGuard(Bounds(source), source, retriesFailures: !Bounds(source));
        }

        // Nothing guards it: the loop body runs once, unless a continue goes round again before the exit.
        var continues = Continues().ToList();
        if (continues.Count == 0)
            return new ExitGuard(bounds: true, Source.None, retriesFailures: false);

        foreach (var goRound in continues)
            source |= Guard(goRound).Source;
        return new ExitGuard(Bounds(source), source, retriesFailures: false);
    }

    private IEnumerable<IOperation> Continues() =>
        _loop.Body is null
            ? Enumerable.Empty<IOperation>()
            : OperationFlow.Descendants(_loop.Body).OfType<IBranchOperation>().Where(b =>
                b.BranchKind == BranchKind.Continue
                && SymbolEqualityComparer.Default.Equals(b.Target, _loop.ContinueLabel)
                && !InsideNestedFunction(b));

    private Source Classify(IOperation? operation) => Classify(operation, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0);

    private Source Classify(IOperation? operation, HashSet<ISymbol> visited, int depth)
    {
        if (operation is null || operation.ConstantValue.HasValue)
            return Source.None;

        _cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth)
            return Source.External;

        if (IsTime(operation.Type))
            return Source.Time;

        switch (operation)
        {
            case IInvocationOperation invocation:
                if (_index.Read(invocation, _cancellationToken) is not null)
                    return Source.Answer;
                if (IsTime(invocation.TargetMethod.ContainingType))
                    return Source.Time;

                var fromInputs = Classify(invocation.Instance, visited, depth + 1);
                foreach (var argument in invocation.Arguments)
                    fromInputs |= Classify(argument.Value, visited, depth + 1);

                // A helper with no input the analyzer can follow may count anything.
                return fromInputs == Source.None ? Source.External : fromInputs;

            case ILocalReferenceOperation local:
                return OfSymbol(local.Local, local.Local.Type, Storage.Local, visited, depth);
            case IParameterReferenceOperation parameter:
                return OfSymbol(parameter.Parameter, parameter.Parameter.Type, Storage.Local, visited, depth);
            case IFieldReferenceOperation field:
                if (IsTime(field.Field.ContainingType))
                    return Source.Time;
                var storage = field.Field.IsReadOnly || field.Field.IsConst ? Storage.Fixed : Storage.Mutable;
                return OfSymbol(field.Field, field.Field.Type, storage, visited, depth)
                    | Classify(field.Instance, visited, depth + 1);
            case IPropertyReferenceOperation property:
                if (IsTime(property.Property.ContainingType))
                    return Source.Time;
                if (_counters.Contains(property.Property) || _writes.ContainsKey(property.Property))
                    return OfSymbol(property.Property, property.Property.Type, Storage.Mutable, visited, depth);

                // ChatFinishReason.Stop, ChatRole.User: a well-known value of the type itself.
                if (property.Instance is null)
                    return IsWellKnownValue(property.Property) ? Source.None : Source.External;
                if (property.Instance is IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.PatternInput })
                    return Source.External;
                return Classify(property.Instance, visited, depth + 1);
            case IInstanceReferenceOperation:
            case IConditionalAccessInstanceOperation:
                return Source.None;
            case IInvalidOperation:
                // Half-typed code: in doubt, the loop may be bounded by what the user is writing.
                return Source.External;
        }

        var result = Source.None;
        foreach (var child in operation.ChildOperations)
            result |= Classify(child, visited, depth + 1);
        return result;
    }

    private enum Storage
    {
        /// <summary>A local or a parameter.</summary>
        Local,

        /// <summary>A field or property other code can change.</summary>
        Mutable,

        /// <summary>A readonly field or a constant.</summary>
        Fixed,
    }

    private static bool IsWellKnownValue(IPropertySymbol property) =>
        property.IsStatic
        && (SymbolEqualityComparer.Default.Equals(property.Type, property.ContainingType) || property.Type.TypeKind == TypeKind.Enum);

    private Source OfSymbol(ISymbol symbol, ITypeSymbol? type, Storage storage, HashSet<ISymbol> visited, int depth)
    {
        if (_counters.Contains(symbol))
            return Source.Counter;
        if (IsTime(type))
            return Source.Time;
        if (!visited.Add(symbol))
            return Source.None;

        if (_writes.TryGetValue(symbol, out var values))
        {
            var result = Source.None;
            foreach (var value in values)
                result |= value is null ? Source.External : Classify(value, visited, depth + 1);
            return result;
        }

        // Not written in the loop: a mutable field may change elsewhere, a list or a reader may change through its
        // methods; a readonly field, or a local number, flag or string, keeps its value for the whole loop.
        return storage switch
        {
            Storage.Fixed => Source.None,
            Storage.Mutable => Source.External,
            _ => IsPlainValue(type) ? Source.None : Source.External,
        };
    }

    private static bool IsPlainValue(ITypeSymbol? type) =>
        type is not null
        && (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String || type.TypeKind == TypeKind.Enum);

    private static bool IsTime(ITypeSymbol? type)
    {
        if (type is null)
            return false;

        if (type is INamedTypeSymbol { ConstructedFrom.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];

        return OutputCap.FullName(type) is "System.Threading.CancellationToken" or "System.Threading.CancellationTokenSource"
            or "System.DateTime" or "System.DateTimeOffset" or "System.TimeSpan"
            or "System.Diagnostics.Stopwatch" or "System.TimeProvider";
    }
}
