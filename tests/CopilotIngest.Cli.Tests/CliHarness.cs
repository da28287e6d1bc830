using CopilotIngest.Commands;
using CopilotIngest.Hosting;

namespace CopilotIngest.Cli.Tests;

/// <summary>Runs the real command line in memory with a given environment and working directory.</summary>
internal static class CliHarness
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(environment, workingDirectory, output, error, TimeProvider.System, Interactive: false);
        var exitCode = await CliApplication.InvokeAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
