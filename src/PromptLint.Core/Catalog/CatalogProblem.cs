namespace PromptLint.Core.Catalog;

/// <summary>A problem found while reading a model catalog: where it is and what is wrong.</summary>
public sealed class CatalogProblem
{
    /// <summary>Creates a problem.</summary>
    public CatalogProblem(string filePath, int line, string field, string message)
    {
        FilePath = filePath;
        Line = line;
        Field = field;
        Message = message;
    }

    /// <summary>The catalog file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of the problem, or 0 when the file could not be read at all.</summary>
    public int Line { get; }

    /// <summary>The JSON path of the offending field, for example <c>models[3].inputPerMTok</c>.</summary>
    public string Field { get; }

    /// <summary>A plain sentence that says what is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{FilePath}({Line}): {Field}: {Message}";
}
