using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.Rules.Reliability;

internal enum RetryBudgetKind
{
    /// <summary>Set where the analyzer cannot see it (a parameter, configuration, a custom policy): no claim is made.</summary>
    Unknown,

    /// <summary>Nothing sets it, so the SDK's own default applies.</summary>
    SdkDefault,

    /// <summary>Set to a number the analyzer can read.</summary>
    Explicit,
}

internal enum RetryFix
{
    None,

    /// <summary>Replace the constant the budget is set to.</summary>
    ReplaceValue,

    /// <summary>Add the budget to the initializer of the options or the client.</summary>
    AddToInitializer,

    /// <summary>Pass options that carry the budget to a constructor overload that takes them.</summary>
    AddOptionsArgument,
}

/// <summary>How many times a client retries a failed request, where the analyzer saw it set, and how to set it.</summary>
internal readonly struct RetryBudget
{
    public const string RetryPolicyMember = "RetryPolicy";
    public const string MaxRetriesMember = "MaxRetries";

    private RetryBudget(
        RetryBudgetKind kind,
        int? retries,
        string setting,
        RetryFix fix,
        SyntaxNode? fixTarget,
        string member,
        string optionsType)
    {
        Kind = kind;
        Retries = retries;
        Setting = setting;
        Fix = fix;
        FixTarget = fixTarget;
        Member = member;
        OptionsType = optionsType;
    }

    public RetryBudgetKind Kind { get; }

    /// <summary>The number of retries after the first attempt; the SDK's default for <see cref="RetryBudgetKind.SdkDefault"/>.</summary>
    public int? Retries { get; }

    /// <summary>The code that sets the budget, for the message (<c>ClientRetryPolicy(0)</c>, <c>MaxRetries = 50</c>).</summary>
    public string Setting { get; }

    public RetryFix Fix { get; }

    /// <summary>The node the code fix edits: the constant, the initializer's creation, or the client creation.</summary>
    public SyntaxNode? FixTarget { get; }

    /// <summary>The member that carries the budget: <c>RetryPolicy</c> (System.ClientModel) or <c>MaxRetries</c> (Anthropic).</summary>
    public string Member { get; }

    /// <summary>For <see cref="RetryFix.AddOptionsArgument"/>, the full name of the options type to create.</summary>
    public string OptionsType { get; }

    public static RetryBudget Unknown => new(RetryBudgetKind.Unknown, null, "", RetryFix.None, null, "", "");

    public static RetryBudget SdkDefault(
        int? retries,
        string member,
        RetryFix fix = RetryFix.None,
        SyntaxNode? fixTarget = null,
        string optionsType = "")
    {
        return new(RetryBudgetKind.SdkDefault, retries, "", fixTarget is null ? RetryFix.None : fix, fixTarget, member, optionsType);
    }

    public static RetryBudget Explicit(int retries, string setting, string member, SyntaxNode? constant)
    {
        var fix = constant is null ? RetryFix.None : RetryFix.ReplaceValue;
        return new(RetryBudgetKind.Explicit, retries, setting, fix, constant, member, "");
    }
}

/// <summary>
/// Reads the retry budget of an LLM client from its creation: the <c>RetryPolicy</c> of the System.ClientModel options
/// the OpenAI and Azure OpenAI clients take, and the <c>MaxRetries</c> of the Anthropic client or its options.
/// </summary>
internal static class RetryBudgetReader
{
    /// <summary>The retries of <c>ClientRetryPolicy.Default</c>, which a pipeline client uses when no policy is set.</summary>
    public const int PipelineDefaultRetries = 3;

    /// <summary>The retries of the Anthropic SDK when <c>MaxRetries</c> is not set (<c>ClientOptions.DefaultMaxRetries</c>).</summary>
    public const int AnthropicDefaultRetries = 2;

    /// <summary>The budget of an OpenAI or Azure OpenAI client created here.</summary>
    public static RetryBudget OfPipelineClient(
        IObjectCreationOperation creation,
        RetrySymbols symbols,
        CancellationToken cancellationToken)
    {
        if (creation.Constructor is not { } constructor)
            return RetryBudget.Unknown;

        var optionsParameter = constructor.Parameters.FirstOrDefault(p => symbols.IsPipelineOptions(p.Type));
        if (optionsParameter is null)
        {
            // A client bound from configuration (ChatClientSettings) takes its retries from there.
            if (constructor.Parameters.Any(static p => p.Type.Name.EndsWith("Settings", StringComparison.Ordinal)))
                return RetryBudget.Unknown;

            var overload = OverloadWithOptions(constructor, symbols);
            return RetryBudget.SdkDefault(
                DefaultOf(creation.Type, symbols),
                RetryBudget.RetryPolicyMember,
                RetryFix.AddOptionsArgument,
                overload is null ? null : creation.Syntax,
                OutputCap.FullName(overload?.Parameters.Last().Type));
        }

        var argument = creation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, optionsParameter));
        if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return RetryBudget.SdkDefault(
                DefaultOf(creation.Type, symbols), RetryBudget.RetryPolicyMember, RetryFix.None, null);
        }

        var options = OperationFlow.Unwrap(argument.Value);
        if (IsNull(options))
            return RetryBudget.SdkDefault(DefaultOf(creation.Type, symbols), RetryBudget.RetryPolicyMember);

        var setting = Setting.Read(
            options, creation, RetryBudget.RetryPolicyMember, symbols.ClientPipelineOptions, cancellationToken);
        return setting.State switch
        {
            SettingState.NotSet => RetryBudget.SdkDefault(
                DefaultOf(creation.Type, symbols),
                RetryBudget.RetryPolicyMember,
                RetryFix.AddToInitializer,
                SameTree(setting.Creation?.Syntax, creation.Syntax)),
            SettingState.Set => OfPolicy(setting.Value!, creation, symbols, cancellationToken),
            _ => RetryBudget.Unknown,
        };
    }

    /// <summary>The budget of an Anthropic client created here, from its initializer or the options it is given.</summary>
    public static RetryBudget OfAnthropicClient(
        IObjectCreationOperation creation,
        RetrySymbols symbols,
        CancellationToken cancellationToken)
    {
        if (creation.Initializer is { } initializer && Member(initializer, RetryBudget.MaxRetriesMember) is { } assigned)
            return OfCount(assigned.Value, creation, cancellationToken);

        var options = creation.Arguments.FirstOrDefault(a => SdkSymbols.Is(a.Parameter?.Type, symbols.AnthropicClientOptions));
        if (options is not null && options.ArgumentKind != ArgumentKind.DefaultValue)
        {
            var setting = Setting.Read(
                OperationFlow.Unwrap(options.Value), creation, RetryBudget.MaxRetriesMember, symbols.AnthropicClientOptions, cancellationToken);
            if (setting.State == SettingState.Unknown)
                return RetryBudget.Unknown;
            if (setting.State == SettingState.Set)
                return OfCount(setting.Value!, creation, cancellationToken);
        }

        return RetryBudget.SdkDefault(
            AnthropicDefaultRetries, RetryBudget.MaxRetriesMember, RetryFix.AddToInitializer, creation.Syntax);
    }

    /// <summary>
    /// The budget a <c>WithOptions(o =&gt; o with { MaxRetries = n })</c> view of an Anthropic client sets, or null when
    /// the modifier does not set one (the view keeps the budget of the client it comes from).
    /// </summary>
    public static RetryBudget? OfAnthropicView(
        IInvocationOperation invocation,
        RetrySymbols symbols,
        CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod.Name != "WithOptions" || invocation.Arguments.Length != 1)
            return null;

        var modifier = OperationFlow.Unwrap(invocation.Arguments[0].Value);
        if (modifier is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            return null;

        var returned = lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value }
            ? OperationFlow.Unwrap(value)
            : null;
        if (returned is not IWithOperation { Initializer: IObjectOrCollectionInitializerOperation initializer } with
            || !SdkSymbols.Is(with.Type, symbols.AnthropicClientOptions))
        {
            return null;
        }

        return Member(initializer, RetryBudget.MaxRetriesMember) is { } assigned
            ? OfCount(assigned.Value, invocation, cancellationToken)
            : null;
    }

    private static RetryBudget OfPolicy(
        IOperation value,
        IOperation use,
        RetrySymbols symbols,
        CancellationToken cancellationToken)
    {
        var origin = OperationFlow.Origin(value, cancellationToken);
        if (IsNull(origin))
            return RetryBudget.SdkDefault(PipelineDefaultRetries, RetryBudget.RetryPolicyMember);

        if (origin is IPropertyReferenceOperation { Property.Name: "Default", Property.IsStatic: true } property
            && SdkSymbols.Is(property.Property.ContainingType, symbols.ClientRetryPolicy))
        {
            return RetryBudget.Explicit(PipelineDefaultRetries, "ClientRetryPolicy.Default", RetryBudget.RetryPolicyMember, null);
        }

        // A subclass of ClientRetryPolicy decides for itself how often it retries.
        if (origin is not IObjectCreationOperation creation || !SdkSymbols.Is(creation.Type, symbols.ClientRetryPolicy))
            return RetryBudget.Unknown;

        var maxRetries = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "maxRetries");
        if (maxRetries is null)
            return RetryBudget.Unknown;

        var retries = CapReader.ConstantInt(OperationFlow.Origin(maxRetries.Value, cancellationToken));
        if (retries is null)
            return RetryBudget.Unknown;

        var written = OperationFlow.Unwrap(maxRetries.Value);
        var constant = maxRetries.ArgumentKind == ArgumentKind.DefaultValue || !written.ConstantValue.HasValue
            ? null
            : SameTree(written.Syntax, use.Syntax);
        var setting = maxRetries.ArgumentKind == ArgumentKind.DefaultValue ? "ClientRetryPolicy()" : $"ClientRetryPolicy({retries})";
        return RetryBudget.Explicit(retries.Value, setting, RetryBudget.RetryPolicyMember, constant);
    }

    private static RetryBudget OfCount(IOperation value, IOperation use, CancellationToken cancellationToken)
    {
        var origin = OperationFlow.Origin(value, cancellationToken);
        if (IsNull(origin))
        {
            var written = SameTree(OperationFlow.Unwrap(value).Syntax, use.Syntax);
            return RetryBudget.SdkDefault(AnthropicDefaultRetries, RetryBudget.MaxRetriesMember, RetryFix.ReplaceValue, written);
        }

        if (origin is IFieldReferenceOperation { Field.Name: "DefaultMaxRetries", Field.IsStatic: true })
            return RetryBudget.Explicit(AnthropicDefaultRetries, "ClientOptions.DefaultMaxRetries", RetryBudget.MaxRetriesMember, null);

        var retries = CapReader.ConstantInt(origin);
        if (retries is null)
            return RetryBudget.Unknown;

        var assigned = OperationFlow.Unwrap(value);
        var constant = assigned.ConstantValue.HasValue ? SameTree(assigned.Syntax, use.Syntax) : null;
        return RetryBudget.Explicit(retries.Value, $"MaxRetries = {retries}", RetryBudget.MaxRetriesMember, constant);
    }

    // AzureOpenAIClientOptions starts with its own retry policy of 3 retries (2.1.0 and 2.9), the same count as OpenAI's.
    private static int? DefaultOf(ITypeSymbol? client, RetrySymbols symbols) =>
        SymbolEqualityComparer.Default.Equals(client?.ContainingAssembly, symbols.OpenAIAssembly)
        || SymbolEqualityComparer.Default.Equals(client?.ContainingAssembly, symbols.AzureOpenAIAssembly)
            ? PipelineDefaultRetries
            : null;

    // new OpenAIClient(credential) has an overload new OpenAIClient(credential, options); new ChatClient(model, apiKey) has none.
    private static IMethodSymbol? OverloadWithOptions(IMethodSymbol constructor, RetrySymbols symbols)
    {
        foreach (var candidate in constructor.ContainingType.InstanceConstructors)
        {
            var parameters = candidate.Parameters;
            if (candidate.DeclaredAccessibility != Accessibility.Public
                || parameters.Length != constructor.Parameters.Length + 1
                || !symbols.IsPipelineOptions(parameters[parameters.Length - 1].Type))
            {
                continue;
            }

            var same = true;
            for (var i = 0; i < constructor.Parameters.Length && same; i++)
                same = SymbolEqualityComparer.Default.Equals(parameters[i].Type, constructor.Parameters[i].Type);
            if (same)
                return candidate;
        }

        return null;
    }

    private static ISimpleAssignmentOperation? Member(IObjectOrCollectionInitializerOperation initializer, string name) =>
        initializer.Initializers.OfType<ISimpleAssignmentOperation>()
            .LastOrDefault(a => a.Target is IPropertyReferenceOperation p && p.Property.Name == name);

    private static SyntaxNode? SameTree(SyntaxNode? node, SyntaxNode use) => node?.SyntaxTree == use.SyntaxTree ? node : null;

    private static bool IsNull(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation { Type.IsReferenceType: true };

    private enum SettingState
    {
        NotSet,
        Set,
        Unknown,
    }

    /// <summary>What an options object says about one member, following a local to its creation and later assignments.</summary>
    private readonly struct Setting
    {
        private Setting(SettingState state, IOperation? value, IObjectCreationOperation? creation)
        {
            State = state;
            Value = value;
            Creation = creation;
        }

        public SettingState State { get; }

        public IOperation? Value { get; }

        /// <summary>The options creation, where the member can be added.</summary>
        public IObjectCreationOperation? Creation { get; }

        public static Setting Read(
            IOperation options,
            IOperation use,
            string member,
            INamedTypeSymbol? optionsType,
            CancellationToken cancellationToken)
        {
            if (options is ILocalReferenceOperation local)
                return FromLocal(local, use, member, optionsType, cancellationToken);

            var origin = OperationFlow.Origin(options, cancellationToken);
            if (origin is IDefaultValueOperation && origin.Type?.IsValueType == true)
                return new Setting(SettingState.NotSet, null, null);

            if (origin is not IObjectCreationOperation creation || !SdkSymbols.IsOrDerives(creation.Type, optionsType))
                return new Setting(SettingState.Unknown, null, null);

            return creation.Initializer is { } initializer && Member(initializer, member) is { } assigned
                ? new Setting(SettingState.Set, assigned.Value, creation)
                : new Setting(SettingState.NotSet, null, creation);
        }

        private static Setting FromLocal(
            ILocalReferenceOperation local,
            IOperation use,
            string member,
            INamedTypeSymbol? optionsType,
            CancellationToken cancellationToken)
        {
            var initializer = OperationFlow.SingleDefinition(local.Local, use);
            if (initializer is null)
                return new Setting(SettingState.Unknown, null, null);

            ISimpleAssignmentOperation? last = null;
            foreach (var reference in OperationFlow.References(local.Local, use))
            {
                switch (reference.Parent)
                {
                    case IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation assignment } property
                        when property.Property.Name == member && assignment.Target == property:
                        if (assignment.Syntax.SpanStart < use.Syntax.SpanStart
                            && (last is null || assignment.Syntax.SpanStart > last.Syntax.SpanStart))
                        {
                            last = assignment;
                        }

                        break;
                    case IArgumentOperation { Parent: IInvocationOperation }:
                        // Handed to code that may set the budget; no claim either way.
                        return new Setting(SettingState.Unknown, null, null);
                }
            }

            var fromInitializer = Read(OperationFlow.Unwrap(initializer), use, member, optionsType, cancellationToken);
            return last is null ? fromInitializer : new Setting(SettingState.Set, last.Value, fromInitializer.Creation);
        }
    }
}
