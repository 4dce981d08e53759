using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PromptLint.Benchmarks;

/// <summary>The mean time divided by the number of files, per 1,000 files: a flat column means linear growth.</summary>
internal sealed class PerThousandFilesColumn : IColumn
{
    public static readonly PerThousandFilesColumn Instance = new();

    public string Id => nameof(PerThousandFilesColumn);

    public string ColumnName => "Per 1k files";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per 1,000 files of the compilation, in ms (flat when time grows linearly)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var files = benchmarkCase.Parameters.Items.FirstOrDefault(static p => p.Name == "Files")?.Value as int?;
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (files is not > 0 || statistics is null)
            return "-";

        var milliseconds = statistics.Mean / 1e6 / files.Value * 1000;
        return milliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";
    }

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(static c => c.Parameters.Items.Any(static p => p.Name == "Files"));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
