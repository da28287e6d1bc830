using System.CommandLine;
using CopilotIngest.Diagnostics;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest verify</c>: compares what the sources report now with what Port holds.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "verify",
            "Compare what GitHub and Microsoft 365 report now with what Port holds, per data set: the newest day, entity counts and a sample " +
            "of values (seat breakdown, usage, M365 summary). Changes nothing. Exit code 1 when something differs.");
        var envFile = CommonOptions.EnvFile();
        command.Options.Add(envFile);
        command.SetAction((parseResult, cancellationToken) => CommandGuard.RunAsync(
            context,
            () => PortTarget.RunAsync(
                context,
                parseResult.GetValue(envFile),
                overrides: null,
                (settings, _) => VerifyWorkflow.RunAsync(settings, context, cancellationToken),
                cancellationToken),
            cancellationToken));
        return command;
    }
}
