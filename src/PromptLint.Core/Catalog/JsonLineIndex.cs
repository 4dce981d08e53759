using System.Text;
using System.Text.Json;

namespace PromptLint.Core.Catalog;

/// <summary>Maps the objects of a catalog's <c>models</c> array, and their fields, to 1-based line numbers.</summary>
internal sealed class JsonLineIndex
{
    private readonly List<Dictionary<string, int>> _fieldLines = new();
    private readonly List<int> _modelLines = new();
    private int _modelsLine = 1;

    public static JsonLineIndex Build(byte[] utf8)
    {
        var index = new JsonLineIndex();
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var inModels = false;
        Dictionary<string, int>? current = null;

        while (reader.Read())
        {
            var line = LineOf(lineStarts, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    inModels = reader.ValueTextEquals("models");
                    if (inModels)
                        index._modelsLine = line;
                    break;
                case not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName)
                    when inModels && reader.CurrentDepth == 2:
                    // Every element counts, objects or not, so the index of each entry matches the array's.
                    current = new Dictionary<string, int>(StringComparer.Ordinal);
                    index._fieldLines.Add(current);
                    index._modelLines.Add(line);
                    break;
                case JsonTokenType.PropertyName when inModels && reader.CurrentDepth == 3 && current is not null:
                    current[reader.GetString() ?? ""] = line;
                    break;
                case JsonTokenType.EndArray when inModels && reader.CurrentDepth == 1:
                    inModels = false;
                    break;
            }
        }

        return index;
    }

    public int ModelsLine => _modelsLine;

    public int LineOf(int modelIndex, string? field = null)
    {
        if (modelIndex < 0 || modelIndex >= _modelLines.Count)
            return _modelsLine;

        if (field is not null && _fieldLines[modelIndex].TryGetValue(field, out var line))
            return line;

        return _modelLines[modelIndex];
    }

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
                starts.Add(i + 1);
        }

        return starts;
    }

    private static int LineOf(List<long> lineStarts, long offset)
    {
        var found = lineStarts.BinarySearch(offset);
        return found >= 0 ? found + 1 : ~found;
    }

    internal static byte[] ToUtf8(string text) => Encoding.UTF8.GetBytes(text);
}
