using System.Text.Json;

namespace PromptLint.Core.Reports;

/// <summary>
/// Reads the report a build compares against (<c>PromptLintBaseline</c>): a project's <c>promptlint-costs.json</c>, or
/// a solution report from <c>PromptLintCombineReports</c>, from which the project's part is taken.
/// </summary>
public static class CostBaseline
{
    /// <summary>
    /// Reads <paramref name="text"/> as the baseline of <paramref name="project"/>. On failure, <paramref name="problem"/>
    /// says in plain words what is wrong with the file (it is not JSON, not a cost report, of another schema version, of
    /// another project). A solution report without the project is an empty baseline: every call site is new.
    /// </summary>
    public static bool TryRead(string text, string project, out CostReport? baseline, out string problem)
    {
        baseline = null;
        problem = "";

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            problem = $"it is not valid JSON ({CostReportJson.Explain(ex)})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version)
                || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number))
            {
                problem = "it is not a PromptLint cost report (it has no schemaVersion)";
                return false;
            }

            if (number != CostReport.CurrentSchemaVersion)
            {
                // Version 2 named a member without its namespace and counted ordinals across same-named members, so its
                // call sites cannot be matched with today's; saying so spares the reader a search through the changes.
                var why = number == 2 ? ", which names call sites without their namespace," : ",";
                problem = $"it is a report of schema version {number}{why} and this PromptLint compares only with version "
                    + $"{CostReport.CurrentSchemaVersion}; build the baseline again with this PromptLint";
                return false;
            }

            try
            {
                baseline = root.TryGetProperty("projects", out var projects) && projects.ValueKind == JsonValueKind.Array
                    ? FromSolution(projects, project)
                    : CostReportJson.ReadBody(root);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                problem = $"it is not a PromptLint cost report ({ex.Message.TrimEnd('.')})";
                return false;
            }

            var otherProject = baseline.Project.Length > 0 && project.Length > 0
                && !string.Equals(baseline.Project, project, StringComparison.Ordinal);
            if (otherProject)
            {
                problem = $"it is the report of project '{baseline.Project}', not of '{project}'";
                baseline = null;
                return false;
            }

            return true;
        }
    }

    private static CostReport FromSolution(JsonElement projects, string project)
    {
        foreach (var item in projects.EnumerateArray())
        {
            if (string.Equals(CostReportJson.Required(item, "project").GetString(), project, StringComparison.Ordinal))
                return CostReportJson.ReadBody(item);
        }

        return new CostReport { Project = project };
    }
}
