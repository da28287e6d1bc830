using System.CommandLine;
using CopilotIngest.Diagnostics;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest doctor</c>: checks every configured credential and permission, changing nothing.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "doctor",
            "Check every configured credential and permission without changing anything: Port (token, blueprints), GitHub (token, scopes, " +
            "organizations and enterprise, usage-metrics policy, report download host), Microsoft 365 (Entra ID token, Graph permissions, " +
            "concealed names, Copilot licences). Exit code 1 when a check finds a problem.");
        var blueprints = new Option<string?>("--blueprints")
        {
            Description = "Folder of blueprint JSON files to compare with Port (default: configs/blueprints shipped with the binary).",
            HelpName = "dir",
        };
        var envFile = CommonOptions.EnvFile();
        command.Options.Add(blueprints);
        command.Options.Add(envFile);
        command.SetAction((parseResult, cancellationToken) => CommandGuard.RunAsync(
            context,
            () => PortTarget.RunAsync(
                context,
                parseResult.GetValue(envFile),
                overrides: null,
                (settings, _) =>
                {
                    var directory = parseResult.GetValue(blueprints) ?? ProductFiles.BlueprintsDirectory(context.WorkingDirectory);
                    return DoctorWorkflow.RunAsync(settings, context, Path.Combine(context.WorkingDirectory, directory), cancellationToken);
                },
                cancellationToken),
            cancellationToken));
        return command;
    }
}
