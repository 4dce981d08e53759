using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>The provider REST APIs whose raw requests PromptLint reads.</summary>
internal enum RestApi
{
    None,
    OpenAIChat,
    OpenAIResponses,
    Anthropic,
    Gemini,
}

/// <summary>A URL as the code writes it: constant text, with <see cref="Hole"/> for each part known only at run time.</summary>
internal readonly struct UrlText
{
    public const char Hole = '\u0001';

    public UrlText(string text, IReadOnlyList<IOperation> holes, IOperation source)
    {
        Text = text;
        Holes = holes;
        Source = source;
    }

    public string Text { get; }

    /// <summary>The expressions of the holes, in order.</summary>
    public IReadOnlyList<IOperation> Holes { get; }

    public IOperation Source { get; }

    /// <summary>Reads a URL string or <c>Uri</c>: a constant, an interpolation, a concatenation, <c>new Uri(...)</c>.</summary>
    public static UrlText? Read(IOperation? value, CancellationToken cancellationToken)
    {
        if (value is null || OperationFlow.Unwrap(value).ConstantValue is { HasValue: true, Value: null })
            return null;

        var text = new StringBuilder();
        var holes = new List<IOperation>();
        Append(value, text, holes, cancellationToken, 0);
        return new UrlText(text.ToString(), holes, value);
    }

    private static void Append(IOperation value, StringBuilder text, List<IOperation> holes, CancellationToken cancellationToken, int depth)
    {
        var origin = OperationFlow.Origin(value, cancellationToken);
        if (origin.ConstantValue is { HasValue: true, Value: string constant })
        {
            text.Append(constant);
            return;
        }

        if (depth < 4)
        {
            switch (origin)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } })
                            text.Append(literal);
                        else if (part is IInterpolationOperation { Alignment: null, FormatString: null } hole)
                            Append(hole.Expression, text, holes, cancellationToken, depth + 1);
                        else
                            AddHole(part, text, holes);
                    }

                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat:
                    Append(concat.LeftOperand, text, holes, cancellationToken, depth + 1);
                    Append(concat.RightOperand, text, holes, cancellationToken, depth + 1);
                    return;
                case IObjectCreationOperation { Type.Name: "Uri", Arguments.Length: >= 1 } uri
                    when uri.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    Append(uri.Arguments[0].Value, text, holes, cancellationToken, depth + 1);
                    return;
            }
        }

        AddHole(origin, text, holes);
    }

    private static void AddHole(IOperation hole, StringBuilder text, List<IOperation> holes)
    {
        text.Append(Hole);
        holes.Add(hole);
    }
}

/// <summary>Which provider API a request URL names, from the URL the call writes and the client's base address.</summary>
internal static class RestEndpoint
{
    public const string OpenAIHost = "api.openai.com";
    public const string AnthropicHost = "api.anthropic.com";
    public const string GeminiHost = "generativelanguage.googleapis.com";

    /// <summary>
    /// The API the URL names; <see cref="RestApi.None"/> with <paramref name="ruledOut"/> when the URL is visible
    /// (an absolute URL, or a relative path with no run-time part) and names none, so the request is not an LLM
    /// request whatever its body; without it when the URL or a part of it is not visible, so the body's shape decides.
    /// </summary>
    public static RestApi Classify(string? url, string? baseAddress, out bool ruledOut)
    {
        ruledOut = false;
        if (url is null)
        {
            if (baseAddress is null)
                return RestApi.None;
            url = "";
        }

        var full = url;
        if (!IsAbsolute(url) && baseAddress is not null && (url.Length == 0 || url[0] != UrlText.Hole))
            full = Combine(baseAddress, url);

        var absolute = IsAbsolute(full);
        var host = absolute ? Host(full) : null;
        var path = absolute ? PathOf(full) : full;
        var query = path.IndexOf('?');
        if (query >= 0)
            path = path.Substring(0, query);

        if (path.IndexOf(":generateContent", StringComparison.Ordinal) >= 0
            || path.IndexOf(":streamGenerateContent", StringComparison.Ordinal) >= 0)
        {
            return RestApi.Gemini;
        }

        path = path.TrimEnd('/');
        if (!absolute && path.Length > 0 && path[0] != '/')
            path = "/" + path;
        if (path.EndsWith("chat/completions", StringComparison.Ordinal))
            return RestApi.OpenAIChat;
        if (path.EndsWith("/v1/responses", StringComparison.Ordinal) || (host == OpenAIHost && path.EndsWith("/responses", StringComparison.Ordinal)))
            return RestApi.OpenAIResponses;
        if (path.EndsWith("/v1/messages", StringComparison.Ordinal) || (host == AnthropicHost && path.EndsWith("/messages", StringComparison.Ordinal)))
            return RestApi.Anthropic;

        // A relative path the code writes in full ("/printers/register") names its endpoint whatever base the client
        // has, unless it ends in a provider's endpoint name ("messages", "completions", "responses") that a base
        // address set elsewhere may complete: then the body's shape decides.
        if (path.IndexOf(UrlText.Hole) >= 0)
            return RestApi.None;
        var last = path.Substring(path.LastIndexOf('/') + 1);
        ruledOut = absolute
            ? host is not null && host.IndexOf(UrlText.Hole) < 0
            : path.Length > 0 && last is not ("messages" or "completions" or "responses");
        return RestApi.None;
    }

    /// <summary>True when the URL, or the base address it is sent to, names a provider API or host.</summary>
    public static bool NamesProvider(string url) =>
        Classify(url, null, out _) != RestApi.None
        || (IsAbsolute(url) && Host(url) is OpenAIHost or AnthropicHost or GeminiHost);

    /// <summary>The model in a Gemini URL (<c>.../models/gemini-2.5-flash:generateContent</c>), as text or as the hole that fills it.</summary>
    public static (string? Id, IOperation? Hole) GeminiModel(UrlText url)
    {
        var text = url.Text;
        var start = text.IndexOf("models/", StringComparison.Ordinal);
        if (start < 0)
            return (null, null);

        start += "models/".Length;
        var end = text.IndexOf(':', start);
        if (end < 0)
            return (null, null);

        var id = text.Substring(start, end - start);
        if (id.IndexOf(UrlText.Hole) < 0)
            return (id.Length == 0 ? null : id, null);

        // {model} alone between the slash and the colon: the model is whatever that expression holds.
        if (id.Length == 1)
        {
            var index = text.Substring(0, start).Count(static c => c == UrlText.Hole);
            return (null, index < url.Holes.Count ? url.Holes[index] : null);
        }

        return (null, null);
    }

    private static bool IsAbsolute(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static string PathOf(string url)
    {
        var start = url.IndexOf('/', url.IndexOf("//", StringComparison.Ordinal) + 2);
        return start < 0 ? "/" : url.Substring(start);
    }

    private static string Host(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = url.IndexOf('/', start);
        var host = end < 0 ? url.Substring(start) : url.Substring(start, end - start);
        var port = host.IndexOf(':');
        return (port < 0 ? host : host.Substring(0, port)).ToLowerInvariant();
    }

    // As Uri combines a base address with a relative URL: a leading slash replaces the path, anything else the last segment.
    private static string Combine(string baseAddress, string relative)
    {
        if (relative.Length == 0)
            return baseAddress;

        if (IsAbsolute(baseAddress) && baseAddress.IndexOf('/', baseAddress.IndexOf("//", StringComparison.Ordinal) + 2) < 0)
            baseAddress += "/";

        if (relative[0] == '/' && IsAbsolute(baseAddress))
        {
            var pathStart = baseAddress.IndexOf('/', baseAddress.IndexOf("//", StringComparison.Ordinal) + 2);
            return (pathStart < 0 ? baseAddress : baseAddress.Substring(0, pathStart)) + relative;
        }

        var lastSlash = baseAddress.LastIndexOf('/');
        return (lastSlash < 0 ? baseAddress + "/" : baseAddress.Substring(0, lastSlash + 1)) + relative;
    }
}
