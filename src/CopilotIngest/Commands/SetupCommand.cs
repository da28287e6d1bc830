using System.CommandLine;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Workflows;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Port.Webhooks;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest setup</c>: create or update the product's blueprints, scorecards and dashboard page in Port.</summary>
internal static class SetupCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "setup",
            "Create or update the blueprints (configs/blueprints), scorecards (configs/scorecards) and dashboard page (configs/dashboards) in Port, " +
            $"in that order (idempotent). The dashboard's GitHub filters follow the settings: scope_type = enterprise when {GitHubSettingNames.Enterprise} is set, else org.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change and change nothing." };
        var blueprints = new Option<string?>("--blueprints")
        {
            Description = "Folder of blueprint JSON files (default: configs/blueprints shipped with the binary).",
            HelpName = "dir",
        };
        var scorecards = new Option<string?>("--scorecards")
        {
            Description = "Folder of scorecard JSON files (default: configs/scorecards shipped with the binary).",
            HelpName = "dir",
        };
        var dashboards = new Option<string?>("--dashboards")
        {
            Description = "Folder of dashboard page JSON files (default: configs/dashboards shipped with the binary).",
            HelpName = "dir",
        };
        var webhooks = new Option<bool>("--webhooks")
        {
            Description = $"Also create or update one Port webhook integration per data set from configs/mappings/webhook_*.json (secret: {PortWebhookSettings.Secret}) " +
                $"and print each data set's PORT_WEBHOOK_URL_* line for {PortWebhookSettings.Use}=true.",
        };
        var mappings = new Option<string?>("--mappings")
        {
            Description = "Folder of webhook mapping files (default: configs/mappings shipped with the binary).",
            HelpName = "dir",
        };
        var envFile = CommonOptions.EnvFile();
        command.Options.Add(dryRun);
        command.Options.Add(webhooks);
        command.Options.Add(mappings);
        command.Options.Add(blueprints);
        command.Options.Add(scorecards);
        command.Options.Add(dashboards);
        command.Options.Add(envFile);
        command.SetAction((parseResult, cancellationToken) => CommandGuard.RunAsync(
            context,
            () => ExecuteWithPortTargetAsync(
                context,
                parseResult.GetValue(envFile),
                new SetupFolders(
                    parseResult.GetValue(blueprints) ?? ProductFiles.BlueprintsDirectory(context.WorkingDirectory),
                    parseResult.GetValue(scorecards) ?? ProductFiles.ScorecardsDirectory(context.WorkingDirectory),
                    parseResult.GetValue(dashboards) ?? ProductFiles.DashboardsDirectory(context.WorkingDirectory)),
                parseResult.GetValue(webhooks) ? parseResult.GetValue(mappings) ?? ProductFiles.MappingsDirectory(context.WorkingDirectory) : null,
                parseResult.GetValue(dryRun),
                cancellationToken),
            cancellationToken));
        return command;
    }

    private static Task<int> ExecuteWithPortTargetAsync(CliContext context, string? envFile, SetupFolders folders, string? webhookMappings, bool dryRun, CancellationToken cancellationToken) =>
        PortTarget.RunAsync(
            context,
            envFile,
            overrides: null,
            async (settings, _) =>
            {
                // Checked before anything changes in Port, so a missing secret never leaves a half-done setup.
                var secret = webhookMappings is null ? null : WebhookSetupWorkflow.Secret(settings);
                var exit = await SetupWorkflow.ExecuteAsync(settings, context, folders, dryRun, cancellationToken);
                if (exit != ExitCodes.Success || webhookMappings is null)
                {
                    return exit;
                }

                await WebhookSetupWorkflow.ExecuteAsync(settings, context, webhookMappings, secret!, dryRun, cancellationToken);
                return ExitCodes.Success;
            },
            cancellationToken);
}
