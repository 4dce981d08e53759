using System.Text.Json;

namespace PromptLint.Core.Reports;

/// <summary>
/// Writes and reads a <see cref="SolutionCostReport"/>: schema version 3, solution totals, then one object per project
/// with the same fields as a project's <c>promptlint-costs.json</c> and the report file it came from.
/// </summary>
public static class SolutionReportJson
{
    /// <summary>Writes the combined report as indented UTF-8 JSON, projects in the order given.</summary>
    public static string Write(SolutionCostReport solution) =>
        CostReportJson.Written(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", CostReport.CurrentSchemaVersion);
            json.WriteStartObject("totals");
            json.WriteNumber("projects", solution.Projects.Count);
            CostReportJson.WriteTotals(json, solution.CallSites);
            json.WriteEndObject();
            json.WriteStartArray("projects");
            foreach (var project in solution.Projects)
            {
                json.WriteStartObject();
                json.WriteString("report", project.ReportFile);
                CostReportJson.WriteBody(json, project.Report, static p => p);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary>
    /// Reads a combined report written by <see cref="Write"/>; throws <see cref="JsonException"/> with a plain reason.
    /// </summary>
    public static SolutionCostReport Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var version = CostReportJson.SchemaVersion(root);
        if (version != CostReport.CurrentSchemaVersion)
            throw CostReportJson.UnsupportedVersion(version);

        var solution = new SolutionCostReport();
        foreach (var item in CostReportJson.Required(root, "projects").EnumerateArray())
        {
            solution.Projects.Add(new ProjectCostReport
            {
                ReportFile = CostReportJson.Required(item, "report").GetString() ?? "",
                Report = CostReportJson.ReadBody(item),
            });
        }

        return solution;
    }
}
