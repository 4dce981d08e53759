using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

internal enum JsonKind
{
    /// <summary>A value the code does not show: a DTO, a parameter, a document parsed at run time.</summary>
    Unknown,
    Object,
    Array,
    Value,
    Null,
}

/// <summary>
/// A piece of a JSON request body as the code builds it: an anonymous object, a <c>JsonObject</c>, a dictionary, an
/// array or list, or a constant JSON string. Values keep the C# expression that produces them, so prompt text and
/// model ids are read with the same code as for the SDKs.
/// </summary>
internal sealed class JsonPart
{
    private readonly List<KeyValuePair<string, JsonPart>> _members = new();

    private JsonPart(JsonKind kind, IOperation? operation, string? text = null, int? number = null)
    {
        Kind = kind;
        Operation = operation;
        Text = text;
        Number = number;
    }

    public JsonKind Kind { get; }

    /// <summary>The expression the part is built from; for a part of a constant JSON string, that string.</summary>
    public IOperation? Operation { get; }

    /// <summary>The text of a string inside a constant JSON string; null for a value written as a C# expression.</summary>
    public string? Text { get; }

    /// <summary>The value of an integer inside a constant JSON string.</summary>
    public int? Number { get; }

    /// <summary>The members of an object, in the order they are written.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonPart>> Members => _members;

    /// <summary>False when keys may be added where the analyzer cannot see (an object handed to other code).</summary>
    public bool Complete { get; private set; } = true;

    public List<JsonPart> Items { get; } = new();

    /// <summary>The node the code fix adds a member to: an anonymous object or an object initializer, in the code.</summary>
    public SyntaxNode? Declaration { get; private set; }

    public SyntaxNode? Syntax => Operation?.Syntax;

    /// <summary>The string this part holds where it is constant: JSON text or a C# constant.</summary>
    public string? ConstantText =>
        Text ?? (Kind == JsonKind.Value && Operation is { } op && OperationFlow.Unwrap(op).ConstantValue is { HasValue: true, Value: string s } ? s : null);

    public static JsonPart Unknown(IOperation? operation) => new(JsonKind.Unknown, operation);

    public JsonPart? Member(string name)
    {
        foreach (var member in _members)
        {
            if (member.Key == name)
                return member.Value;
        }

        return null;
    }

    /// <summary>The first of the names the object has, for keys the APIs spell in two ways.</summary>
    public JsonPart? Member(string name, string otherName) => Member(name) ?? Member(otherName);

    /// <summary>Reads a C# expression that a serializer turns into JSON.</summary>
    public static JsonPart Read(IOperation? value, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken, int depth = 0)
    {
        const int maxDepth = 10;
        if (value is null || depth > maxDepth)
            return Unknown(value);

        cancellationToken.ThrowIfCancellationRequested();
        var unwrapped = OperationFlow.Unwrap(value);
        if (unwrapped.ConstantValue.HasValue)
            return new JsonPart(unwrapped.ConstantValue.Value is null ? JsonKind.Null : JsonKind.Value, value);

        switch (unwrapped)
        {
            case ILocalReferenceOperation local:
                var definition = OperationFlow.SingleDefinition(local.Local, use);
                if (definition is null)
                    return Unknown(value);
                var part = Read(definition, use, sdk, cancellationToken, depth + 1);
                if (part.Kind == JsonKind.Object)
                    part.FollowLocal(local.Local, use, sdk, cancellationToken, depth);
                else if (part.Kind == JsonKind.Array)
                {
                    // The items added before this use, or nothing known when the list is handed elsewhere.
                    return PromptText.Elements(unwrapped, unwrapped, cancellationToken) is { } added
                        ? ArrayOf(value, added, use, sdk, cancellationToken, depth)
                        : Unknown(value);
                }

                return part;

            case IAnonymousObjectCreationOperation anonymous:
                var anonymousPart = new JsonPart(JsonKind.Object, value) { Declaration = anonymous.Syntax };
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                        anonymousPart.Add(property.Property.Name, Read(assignment.Value, use, sdk, cancellationToken, depth + 1));
                }

                return anonymousPart;

            case IObjectCreationOperation creation when IsObjectType(creation.Type, sdk):
                return ObjectOf(value, creation, use, sdk, cancellationToken, depth);

            case IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: >= 1 } create
                when SdkSymbols.IsOrDerives(create.TargetMethod.ContainingType, sdk.JsonValue):
                return Read(create.Arguments[0].Value, use, sdk, cancellationToken, depth + 1);

            case IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: >= 1 } parse
                when SdkSymbols.IsOrDerives(parse.TargetMethod.ContainingType, sdk.JsonNode):
                return FromString(parse.Arguments[0].Value, use, sdk, cancellationToken, depth + 1);
        }

        if (PromptText.Elements(unwrapped, use, cancellationToken) is { } elements)
            return ArrayOf(value, elements, use, sdk, cancellationToken, depth);

        var origin = OperationFlow.Origin(unwrapped, cancellationToken);
        if (!ReferenceEquals(origin, unwrapped))
            return Read(origin, use, sdk, cancellationToken, depth + 1);

        // A string or a number computed at run time is still a value; anything else may serialize to any shape.
        return unwrapped.Type?.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64
            ? new JsonPart(JsonKind.Value, value)
            : Unknown(value);
    }

    /// <summary>
    /// Reads a string that holds JSON: a constant JSON string, or the text of an object serialized in place
    /// (<c>JsonSerializer.Serialize(body)</c>, <c>body.ToJsonString()</c>).
    /// </summary>
    public static JsonPart FromString(IOperation? value, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken, int depth = 0)
    {
        if (value is null)
            return Unknown(null);

        var origin = OperationFlow.Origin(value, cancellationToken);
        if (origin.ConstantValue is { HasValue: true, Value: string json })
            return FromDocument(json, origin);

        return origin switch
        {
            IInvocationOperation { TargetMethod.Name: "Serialize", Arguments.Length: >= 1 } serialize
                when SdkSymbols.Is(serialize.TargetMethod.ContainingType, sdk.JsonSerializer) =>
                Read(serialize.Arguments[0].Value, use, sdk, cancellationToken, depth + 1),
            IInvocationOperation { TargetMethod.Name: "ToJsonString", Instance: { } node }
                when SdkSymbols.IsOrDerives(node.Type, sdk.JsonNode) =>
                Read(node, use, sdk, cancellationToken, depth + 1),
            _ => Unknown(value),
        };
    }

    private static JsonPart FromDocument(string json, IOperation literal)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromElement(document.RootElement, literal, 0);
        }
        catch (JsonException)
        {
            return Unknown(literal);
        }
    }

    private static JsonPart FromElement(JsonElement element, IOperation literal, int depth)
    {
        const int maxDepth = 32;
        if (depth > maxDepth)
            return Unknown(literal);

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var part = new JsonPart(JsonKind.Object, literal);
                foreach (var property in element.EnumerateObject())
                    part.Add(property.Name, FromElement(property.Value, literal, depth + 1));
                return part;
            case JsonValueKind.Array:
                var array = new JsonPart(JsonKind.Array, literal);
                foreach (var item in element.EnumerateArray())
                    array.Items.Add(FromElement(item, literal, depth + 1));
                return array;
            case JsonValueKind.String:
                return new JsonPart(JsonKind.Value, literal, text: element.GetString() ?? "");
            case JsonValueKind.Number:
                return new JsonPart(JsonKind.Value, literal, number: element.TryGetInt32(out var number) ? number : null);
            case JsonValueKind.Null:
                return new JsonPart(JsonKind.Null, literal);
            default:
                return new JsonPart(JsonKind.Value, literal);
        }
    }

    private static JsonPart ArrayOf(
        IOperation value, List<IOperation> elements, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken, int depth)
    {
        var array = new JsonPart(JsonKind.Array, value);
        foreach (var element in elements)
            array.Items.Add(Read(element, use, sdk, cancellationToken, depth + 1));
        return array;
    }

    private static JsonPart ObjectOf(
        IOperation value, IObjectCreationOperation creation, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken, int depth)
    {
        var part = new JsonPart(JsonKind.Object, value)
        {
            // new JsonObject(otherProperties) or new Dictionary<string, object>(other): keys from elsewhere.
            Complete = creation.Arguments.All(static a => a.ArgumentKind == ArgumentKind.DefaultValue || a.Value.Type?.SpecialType == SpecialType.System_Int32),
            Declaration = creation.Syntax,
        };

        foreach (var initializer in creation.Initializer?.Initializers ?? Enumerable.Empty<IOperation>())
        {
            if (!part.TryAddEntry(initializer, use, sdk, cancellationToken, depth))
                part.Complete = false;
        }

        return part;
    }

    // ["key"] = value, or Add("key", value), in an initializer or on a local.
    private bool TryAddEntry(IOperation entry, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken, int depth)
    {
        switch (entry)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment
                when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                Set(key, Read(assignment.Value, use, sdk, cancellationToken, depth + 1));
                return true;
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add
                when add.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                Set(key, Read(add.Arguments[1].Value, use, sdk, cancellationToken, depth + 1));
                return true;
            default:
                return false;
        }
    }

    // body["max_tokens"] = 512; body.Add("model", "gpt-4o") before the request is sent.
    private void FollowLocal(ILocalSymbol local, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken, int depth)
    {
        var useStart = use.Syntax.SpanStart;
        foreach (var reference in OperationFlow.References(local, use).OrderBy(static r => r.Syntax.SpanStart))
        {
            if (reference.Syntax.SpanStart >= useStart)
                break;

            switch (reference.Parent)
            {
                case IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation assignment } indexer when assignment.Target == indexer:
                    if (!TryAddEntry(assignment, use, sdk, cancellationToken, depth))
                        Complete = false;
                    break;
                case IInvocationOperation { TargetMethod.Name: "Add" } add when add.Instance == reference:
                    if (!TryAddEntry(add, use, sdk, cancellationToken, depth))
                        Complete = false;
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true }:
                case IInvocationOperation { TargetMethod.Name: "ToJsonString" or "ToString" or "ContainsKey" or "TryGetPropertyValue" }:
                case IVariableInitializerOperation:
                    break;
                default:
                    // Put into the body or serialized is what a request does; handed to other code, it may gain any key.
                    if (!IsSentOn(reference, sdk))
                        Complete = false;
                    break;
            }
        }
    }

    private static bool IsSentOn(IOperation reference, SdkSymbols sdk)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;

        return parent switch
        {
            ISimpleAssignmentOperation assignment =>
                assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true } || assignment.Parent is IAnonymousObjectCreationOperation,
            IArgumentOperation { Parent: IInvocationOperation call } =>
                call.TargetMethod.Name == "Add"
                || SdkSymbols.Is(call.TargetMethod.ContainingType, sdk.JsonContent)
                || SdkSymbols.Is(call.TargetMethod.ContainingType, sdk.JsonSerializer)
                || SdkSymbols.Is(call.TargetMethod.ContainingType, sdk.HttpClientJsonExtensions),
            _ => parent is IArrayInitializerOperation,
        };
    }

    private void Add(string key, JsonPart value) => _members.Add(new KeyValuePair<string, JsonPart>(key, value));

    private void Set(string key, JsonPart value)
    {
        _members.RemoveAll(m => m.Key == key);
        Add(key, value);
    }

    private static bool IsObjectType(ITypeSymbol? type, SdkSymbols sdk) =>
        SdkSymbols.IsOrDerives(type, sdk.JsonObject)
        || (type is INamedTypeSymbol named
            && (SdkSymbols.Is(named, sdk.Dictionary) || named.AllInterfaces.Any(i => SdkSymbols.Is(i, sdk.Dictionary)))
            && named.TypeArguments.Length == 2
            && named.TypeArguments[0].SpecialType == SpecialType.System_String);
}
