using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PromptLint.Analyzers;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptLint.CodeFixes.Rules.Cost;

/// <summary>
/// PL1002: takes a model id written as a string literal out of the call. Where an <c>IConfiguration</c> is in scope
/// (a field, a property, a primary-constructor or method parameter, a local), the id becomes a configuration lookup
/// with the literal as fallback, <c>_configuration["Llm:Models:Triage"] ?? "claude-opus-4-1"</c>, which ends the
/// finding: configuration decides. The other fix moves it into a named constant of the containing type,
/// <c>private const string TriageModel = "claude-opus-4-1";</c>: the choice is named and made in one place, but it is
/// still in the code, so PL1002 goes on reporting it where the constant is used.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveModelIdToConfigurationCodeFix)), Shared]
public sealed class MoveModelIdToConfigurationCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix that reads the model from configuration.</summary>
    public const string ConfigurationKey = nameof(MoveModelIdToConfigurationCodeFix) + ":Configuration";

    /// <summary>The equivalence key of the fix that moves the id into a named constant.</summary>
    public const string ConstantKey = nameof(MoveModelIdToConfigurationCodeFix) + ":Constant";

    /// <summary>The configuration section the lookups read, one key per use: <c>Llm:Models:Triage</c>.</summary>
    public const string ConfigurationSection = "Llm:Models:";

    private const string ConfigurationType = "Microsoft.Extensions.Configuration.IConfiguration";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.CostlyModel);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() =>
        FixAllProvider.Create(static async (context, document, diagnostics) =>
            await MoveAsync(document, diagnostics, context.CodeActionEquivalenceKey == ConfigurationKey, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (ModelLiteral(root, diagnostic) is not { } literal)
                continue;

            var plan = Plan.For(new[] { literal }, model, context.CancellationToken).FirstOrDefault();
            if (plan is null)
                continue;

            if (plan.Configuration is { } configuration)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Read the model from configuration: {configuration}[\"{ConfigurationSection}{plan.Name}\"]",
                        token => MoveAsync(context.Document, new[] { diagnostic }, useConfiguration: true, token),
                        equivalenceKey: ConfigurationKey),
                    diagnostic);
            }

            if (plan.Type is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move the model id into the constant {plan.Name}Model",
                        token => MoveAsync(context.Document, new[] { diagnostic }, useConfiguration: false, token),
                        equivalenceKey: ConstantKey),
                    diagnostic);
            }
        }
    }

    // A model inside a constant JSON body or a URL is part of a larger string: moving that string would move the body.
    private static LiteralExpressionSyntax? ModelLiteral(SyntaxNode root, Diagnostic diagnostic) =>
        !diagnostic.Properties.ContainsKey(PromptLint.Analyzers.Rules.Cost.CostlyModelRule.NoFixProperty)
        && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
        && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal
            : null;

    private static async Task<Document> MoveAsync(
        Document document, IEnumerable<Diagnostic> diagnostics, bool useConfiguration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var literals = diagnostics.Select(d => ModelLiteral(root, d)).OfType<LiteralExpressionSyntax>().Distinct().ToList();
        var plans = Plan.For(literals, model, cancellationToken)
            .Where(p => useConfiguration ? p.Configuration is not null : p.Type is not null)
            .ToList();
        if (plans.Count == 0)
            return document;

        var replacements = plans.ToDictionary(static p => (SyntaxNode)p.Literal, p => useConfiguration ? Lookup(p) : IdentifierName(p.Name + "Model"));
        var types = useConfiguration ? new List<TypeDeclarationSyntax>() : plans.Select(static p => p.Type!).Distinct().ToList();

        var endOfLine = root.DescendantTrivia().FirstOrDefault(static t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } eol
            ? eol
            : CarriageReturnLineFeed;
        var newRoot = root.ReplaceNodes(
            replacements.Keys.Concat(types),
            (original, rewritten) =>
            {
                if (replacements.TryGetValue(original, out var replacement))
                    return replacement.WithTriviaFrom(original);

                // The type: its literals are already replaced; add the constants it needs after the constants it
                // starts with, or first.
                var type = (TypeDeclarationSyntax)rewritten;
                var leadingConstants = type.Members.TakeWhile(static m => m is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword)).Count();
                var added = plans.Where(p => p.Type == original && p.NeedsDeclaration)
                    .GroupBy(static p => p.Name)
                    .Select(static g => g.First())
                    .OrderBy(static p => p.Literal.SpanStart)
                    .ToList();
                var constants = added.Select((p, i) => Constant(p, endOfLine, afterConstant: leadingConstants + i > 0, blankLineAfter: leadingConstants == 0 && i == added.Count - 1));
                return added.Count == 0 ? type : type.WithMembers(type.Members.InsertRange(leadingConstants, constants));
            });

        return document.WithSyntaxRoot(newRoot);
    }

    private static ExpressionSyntax Lookup(Plan plan)
    {
        var access = ElementAccessExpression(
            IdentifierName(plan.Configuration!),
            BracketedArgumentList(SingletonSeparatedList(Argument(
                LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(ConfigurationSection + plan.Name))))));
        var lookup = BinaryExpression(SyntaxKind.CoalesceExpression, access, plan.Literal.WithoutTrivia());
        return plan.Literal.Parent is ArgumentSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax or ArrowExpressionClauseSyntax
            or ReturnStatementSyntax
            ? lookup
            : ParenthesizedExpression(lookup);
    }

    // One blank line between constants, and between the last and what follows: a blank line before a constant that
    // follows another, and after the last one when the type had no constants before.
    private static MemberDeclarationSyntax Constant(Plan plan, SyntaxTrivia endOfLine, bool afterConstant, bool blankLineAfter)
    {
        var field = FieldDeclaration(
                VariableDeclaration(PredefinedType(Token(SyntaxKind.StringKeyword)))
                    .WithVariables(SingletonSeparatedList(
                        VariableDeclarator(Identifier(plan.Name + "Model"))
                            .WithInitializer(EqualsValueClause(plan.Literal.WithoutTrivia())))))
            .WithModifiers(TokenList(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.ConstKeyword)));
        if (afterConstant)
            field = field.WithLeadingTrivia(endOfLine);
        field = blankLineAfter ? field.WithTrailingTrivia(endOfLine, endOfLine) : field.WithTrailingTrivia(endOfLine);
        return field.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>How one literal is moved: the name its constant or configuration key gets, and where it goes.</summary>
    private sealed class Plan
    {
        private Plan(LiteralExpressionSyntax literal, string name, TypeDeclarationSyntax? type, bool needsDeclaration, string? configuration)
        {
            Literal = literal;
            Name = name;
            Type = type;
            NeedsDeclaration = needsDeclaration;
            Configuration = configuration;
        }

        public LiteralExpressionSyntax Literal { get; }

        /// <summary>What the model is for, from the member that uses it: <c>Triage</c> gives <c>TriageModel</c> and
        /// <c>Llm:Models:Triage</c>.</summary>
        public string Name { get; }

        /// <summary>The type the constant goes into, or null when there is none (top-level statements).</summary>
        public TypeDeclarationSyntax? Type { get; }

        /// <summary>False when the type already has a constant of this name with this id.</summary>
        public bool NeedsDeclaration { get; }

        /// <summary>The <c>IConfiguration</c> in scope at the literal, or null when there is none.</summary>
        public string? Configuration { get; }

        /// <summary>
        /// Plans for a set of literals of one document. The same id in the same type gets the same name; another id
        /// whose member would give the same name gets a number, and so does a name already used for something else.
        /// </summary>
        public static IEnumerable<Plan> For(IReadOnlyList<LiteralExpressionSyntax> literals, SemanticModel model, CancellationToken cancellationToken)
        {
            var configurationType = model.Compilation.GetTypeByMetadataName(ConfigurationType);
            var assigned = new Dictionary<(TypeDeclarationSyntax? Type, string Id), string>();
            var taken = new HashSet<(TypeDeclarationSyntax? Type, string Name)>();

            foreach (var literal in literals.OrderBy(static l => l.SpanStart))
            {
                if (literal.Token.Value is not string id || IsConstantContext(literal))
                    continue;

                var type = literal.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                var typeSymbol = type is null ? null : model.GetDeclaredSymbol(type, cancellationToken);
                var needsDeclaration = true;
                if (!assigned.TryGetValue((type, id), out var name))
                {
                    var existing = typeSymbol?.GetMembers().OfType<IFieldSymbol>()
                        .FirstOrDefault(f => f.IsConst && f.ConstantValue is string value && value == id && f.Name.EndsWith("Model", StringComparison.Ordinal));
                    name = existing is not null
                        ? existing.Name.Substring(0, existing.Name.Length - "Model".Length)
                        : FreeName(BaseName(literal, model, cancellationToken), type, typeSymbol, literal, model, taken);
                    assigned[(type, id)] = name;
                    taken.Add((type, name));
                }

                if (typeSymbol?.GetMembers(name + "Model").OfType<IFieldSymbol>().Any(f => f.IsConst && Equals(f.ConstantValue, id)) == true)
                    needsDeclaration = false;

                yield return new Plan(literal, name, type, needsDeclaration, ConfigurationInScope(literal, model, configurationType, cancellationToken));
            }
        }

        // An attribute argument, a parameter default or a case label needs a constant, not a lookup; a const's own
        // initializer is not where PL1002 reports.
        private static bool IsConstantContext(SyntaxNode literal) =>
            literal.Ancestors().Any(static a => a is AttributeArgumentSyntax or ParameterSyntax or CaseSwitchLabelSyntax
                || (a is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword))
                || (a is LocalDeclarationStatementSyntax local && local.IsConst));

        private static string BaseName(SyntaxNode literal, SemanticModel model, CancellationToken cancellationToken)
        {
            var member = model.GetEnclosingSymbol(literal.SpanStart, cancellationToken);
            while (member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
                member = member.ContainingSymbol;

            var name = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Ordinary } method => method.Name,
                IMethodSymbol { AssociatedSymbol: IPropertySymbol property } => property.Name,
                IPropertySymbol or IFieldSymbol => member.Name,
                _ => member?.ContainingType?.Name ?? "Chat",
            };
            if (name.EndsWith("Async", StringComparison.Ordinal) && name.Length > "Async".Length)
                name = name.Substring(0, name.Length - "Async".Length);
            name = name.TrimStart('_');
            return name.Length == 0 ? "Chat" : char.ToUpperInvariant(name[0]) + name.Substring(1);
        }

        private static string FreeName(
            string baseName,
            TypeDeclarationSyntax? type,
            INamedTypeSymbol? typeSymbol,
            SyntaxNode literal,
            SemanticModel model,
            HashSet<(TypeDeclarationSyntax?, string)> taken)
        {
            for (var suffix = 1; ; suffix++)
            {
                var name = suffix == 1 ? baseName : baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var constant = name + "Model";
                var used = taken.Contains((type, name))
                    || (typeSymbol is not null && typeSymbol.GetMembers(constant).Length > 0)
                    || model.LookupSymbols(literal.SpanStart, name: constant).Length > 0
                    || KeyInUse(type, ConfigurationSection + name);
                if (!used)
                    return name;
            }
        }

        // A key an earlier fix wrote, for another id, in the same type.
        private static bool KeyInUse(TypeDeclarationSyntax? type, string key) =>
            type is not null && type.DescendantTokens().Any(t => t.IsKind(SyntaxKind.StringLiteralToken) && t.ValueText == key);

        private static string? ConfigurationInScope(
            SyntaxNode literal, SemanticModel model, INamedTypeSymbol? configurationType, CancellationToken cancellationToken)
        {
            if (configurationType is null)
                return null;

            var position = literal.SpanStart;
            var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
            var member = enclosing;
            while (member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
                member = member.ContainingSymbol;

            // Instance members are out of reach from static code and from field initializers (CS0120, CS0236);
            // primary-constructor parameters are in reach from both the initializers and the instance members.
            var staticContext = member is null || member.IsStatic || IsStaticLambda(literal);
            var inInitializer = member is IFieldSymbol || member is IPropertySymbol;

            var candidates = model.LookupSymbols(position)
                .Where(s => IsConfiguration(TypeOf(s), configurationType))
                .Where(s => s switch
                {
                    ILocalSymbol local => local.DeclaringSyntaxReferences.All(r => r.Span.End <= position),
                    IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
                        when !SymbolEqualityComparer.Default.Equals(constructor, member) => !staticContext,
                    IParameterSymbol => true,
                    IFieldSymbol or IPropertySymbol => s.IsStatic || (!staticContext && !inInitializer),
                    _ => false,
                })
                .OrderBy(static s => s is IFieldSymbol or IPropertySymbol ? 0 : s is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } ? 1 : 2)
                .ToList();
            return candidates.FirstOrDefault()?.Name;
        }

        private static bool IsStaticLambda(SyntaxNode node) =>
            node.Ancestors().Any(static a => a is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword)
                || a is LocalFunctionStatementSyntax function && function.Modifiers.Any(SyntaxKind.StaticKeyword));

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static bool IsConfiguration(ITypeSymbol? type, INamedTypeSymbol configurationType) =>
            type is not null
            && (SymbolEqualityComparer.Default.Equals(type, configurationType)
                || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, configurationType)));
    }
}
