using System.Collections;
using Microsoft.Build.Framework;

namespace PromptLint.Build.Tests;

/// <summary>The least of an MSBuild engine a task needs to run: it records what the task logs.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public IEnumerable<string> MessagesOf(MessageImportance importance) =>
        Messages.Where(m => m.Importance == importance).Select(static m => m.Message ?? "");

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "SupportBot.csproj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(
        string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("WriteCostReport does not build other projects.");
}
