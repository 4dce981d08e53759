using System.Diagnostics;
using System.Text;

namespace PromptLint.EndToEnd.Tests;

/// <summary>What one run of the dotnet CLI did: its exit code and everything it printed.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command and its output, for assertion messages.</summary>
    public string Describe() =>
        $"`{CommandLine}` exited with {ExitCode} after {Duration.TotalSeconds:F1} s. Output:\n{Output}";

    public void AssertSucceeded() => Assert.True(Succeeded, Describe());

    /// <summary>Fails, with this command's output, unless the command left a file at <paramref name="path"/>.</summary>
    public void AssertWrote(string path) => Assert.True(File.Exists(path), $"{path} was not written.\n{Describe()}");
}

/// <summary>Runs the real dotnet CLI, the one that runs these tests, in a clean environment.</summary>
internal static class Dotnet
{
    // The CLI and MSBuild hand these to the processes they start; a child build must find its own SDK instead.
    private static readonly string[] s_inheritedBuildVariables =
    [
        "MSBuildExtensionsPath",
        "MSBuildSDKsPath",
        "MSBUILD_EXE_PATH",
        "MSBuildLoadMicrosoftTargetsReadOnly",
        "MSBUILDNOINPROCNODE",
        "DOTNET_CLI_TELEMETRY_SESSIONID",
    ];

    // Set when these tests themselves run in GitHub Actions; a throwaway build must not write to the real job summary.
    private static readonly string[] s_ciVariables = ["GITHUB_STEP_SUMMARY"];

    public static string HostPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    public static Task<CommandResult> RunAsync(string directory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(directory, timeout, new Dictionary<string, string>(), arguments);

    /// <summary>Runs the CLI with <paramref name="environment"/> added to the clean environment.</summary>
    public static async Task<CommandResult> RunAsync(
        string directory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(HostPath)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        foreach (var name in s_inheritedBuildVariables.Concat(s_ciVariables))
            startInfo.Environment.Remove(name);
        foreach (var (name, value) in environment)
            startInfo.Environment[name] = value;
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDTERMINALLOGGER"] = "off";

        var commandLine = $"dotnet {string.Join(' ', arguments)}";
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append(output, $"[PromptLint.EndToEnd.Tests: killed after the {timeout.TotalSeconds:F0} s timeout]");
            return new CommandResult(commandLine, -1, Text(output), stopwatch.Elapsed);
        }

        // The parameterless wait also drains the redirected streams.
        await process.WaitForExitAsync();
        return new CommandResult(commandLine, process.ExitCode, Text(output), stopwatch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;

        lock (output)
            output.AppendLine(line);
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }
}
