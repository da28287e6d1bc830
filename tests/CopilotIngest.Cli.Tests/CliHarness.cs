using CopilotIngest.Commands;
using CopilotIngest.Hosting;

namespace CopilotIngest.Cli.Tests;

/// <summary>Runs the real command line in memory with a given environment and working directory.</summary>
internal static class CliHarness
{
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] args) =>
        RunAsync(environment, workingDirectory, TestContext.Current.CancellationToken, args);

    /// <summary>Runs with <paramref name="cancellationToken"/> standing for SIGTERM / Ctrl+C.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(environment, workingDirectory, output, error, TimeProvider.System, Interactive: false);
        var exitCode = await CliApplication.InvokeAsync(args, context, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
