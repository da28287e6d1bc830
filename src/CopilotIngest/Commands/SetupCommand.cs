using System.CommandLine;
using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Privacy;
using CopilotIngest.Demo;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Users;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Hosting;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Port.Setup;
using CopilotIngest.Port.Webhooks;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest setup</c>: create or update the product's blueprints, scorecards and dashboard page in Port.</summary>
internal static class SetupCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "setup",
            "Create or update the blueprints (configs/blueprints), scorecards (configs/scorecards) and dashboard page (configs/dashboards) in Port, " +
            "in that order (idempotent). The dashboard's GitHub filters follow the settings: scope_type = enterprise when GITHUB_ENTERPRISE is set, else org.");
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
            Description = "Also create or update one Port webhook integration per data set from configs/mappings/webhook_*.json (secret: PORT_WEBHOOK_SECRET) " +
                "and print each data set's PORT_WEBHOOK_URL_* line for USE_PORT_WEBHOOK=true.",
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
                var secret = webhookMappings is null ? null : WebhookSecret(settings);
                var exit = await ExecuteAsync(settings, context, folders, dryRun, cancellationToken);
                if (exit != ExitCodes.Success || webhookMappings is null)
                {
                    return exit;
                }

                await ExecuteWebhooksAsync(settings, context, webhookMappings, secret!, dryRun, cancellationToken);
                return ExitCodes.Success;
            },
            cancellationToken);

    public static string WebhookSecret(LoadedSettings settings)
    {
        var secret = settings.Configuration[PortWebhookSettings.Secret]?.Trim();
        var problems = new List<string>();
        if (string.IsNullOrEmpty(secret))
        {
            problems.Add($"{PortWebhookSettings.Secret} is required for setup --webhooks: the secret Port checks each webhook request's signature with (e.g. `openssl rand -hex 32`); the worker signs with the same value.");
        }
        else if (secret.Length < PortWebhookSettings.MinimumSecretLength)
        {
            problems.Add($"{PortWebhookSettings.Secret} must be at least {PortWebhookSettings.MinimumSecretLength} characters long (e.g. `openssl rand -hex 32`).");
        }

        return problems.Count == 0 ? secret! : throw new SettingsException(problems);
    }

    /// <summary>Creates or updates the webhook integrations and prints each data set's <c>PORT_WEBHOOK_URL_*</c> line (never the secret).</summary>
    public static async Task<IReadOnlyList<WebhookPlanItem>> ExecuteWebhooksAsync(LoadedSettings settings, CliContext context, string directory, string secret, bool dryRun, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.Port, context, cancellationToken);
        var items = await host.Services.GetRequiredService<WebhookSetup>().ApplyAsync(directory, secret, dryRun, cancellationToken);
        var console = Output.Consoles.Create(context.Out, context.Interactive);
        var table = new Table().Border(TableBorder.Rounded).Title(dryRun ? "[bold]Webhooks plan (dry run: nothing changed)[/]" : "[bold]Webhooks[/]");
        table.AddColumns("Data set", "Integration", "Action", "Why");
        foreach (var item in items)
        {
            table.AddRow(item.DataSet.Name, Markup.Escape(item.Identifier), item.Action.ToString().ToLowerInvariant(), Markup.Escape(item.Reason));
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{items.Count(i => i.Action == SetupAction.Create)} to create, {items.Count(i => i.Action == SetupAction.Update)} to update, {items.Count(i => i.Action == SetupAction.Unchanged)} unchanged{(dryRun ? " (dry run)" : string.Empty)}.");
        console.WriteLine("Add to .env (with USE_PORT_WEBHOOK=true and the same PORT_WEBHOOK_SECRET); only the enabled data sets need theirs:");
        foreach (var item in items)
        {
            // Plain lines (no markup, no wrapping) so they can be pasted as they are.
            context.Out.WriteLine($"{item.DataSet.UrlSetting}={item.Url ?? "(created on the real run)"}");
        }

        await host.StopAsync(cancellationToken);
        return items;
    }

    /// <summary>The product's folders as shipped beside the binary (or in the working directory).</summary>
    public static SetupFolders ProductFolders(CliContext context) => new(
        ProductFiles.BlueprintsDirectory(context.WorkingDirectory),
        ProductFiles.ScorecardsDirectory(context.WorkingDirectory),
        ProductFiles.DashboardsDirectory(context.WorkingDirectory));

    /// <summary><see cref="DashboardScope.Enterprise"/> when <c>GITHUB_ENTERPRISE</c> is set, else <see cref="DashboardScope.Organization"/>.</summary>
    public static string GitHubScopeType(LoadedSettings settings) =>
        DashboardScope.ScopeTypeFor(!string.IsNullOrWhiteSpace(settings.Configuration[GitHubSettingNames.Enterprise]));

    /// <summary>With <c>PRIVACY_MODE=aggregate</c>, the blueprints of one entity per person (their scorecards and widgets are left out); else none.</summary>
    public static IReadOnlySet<string> PersonBlueprints(LoadedSettings settings) =>
        settings.Configuration.GetEnum(PrivacyOptions.ModeSetting, PrivacyMode.Plain, new List<string>()) == PrivacyMode.Aggregate
            ? new HashSet<string>(StringComparer.Ordinal) { UserRollupMapper.Blueprint, SeatDetailsMapper.Blueprint, M365Blueprints.User }
            : new HashSet<string>();

    public static async Task<int> ExecuteAsync(LoadedSettings settings, CliContext context, SetupFolders folders, bool dryRun, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.Port, context, cancellationToken);
        var sources = new SetupSources(folders.Blueprints, folders.Scorecards, folders.Dashboards, GitHubScopeType(settings))
        {
            PersonBlueprints = PersonBlueprints(settings),
        };
        var plan = await host.Services.GetRequiredService<PortSetup>().ApplyAsync(sources, dryRun, cancellationToken);
        Print(Output.Consoles.Create(context.Out, context.Interactive), plan, dryRun);
        await host.StopAsync(cancellationToken);
        return ExitCodes.Success;
    }

    public static void Print(IAnsiConsole console, SetupPlan plan, bool dryRun)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(dryRun ? "[bold]Setup plan (dry run: nothing changed)[/]" : "[bold]Setup[/]");
        table.AddColumns("Kind", "Identifier", "Action", "Why");
        foreach (var item in plan.Items)
        {
            var action = item.Action switch
            {
                SetupAction.Create => "[green]create[/]",
                SetupAction.Update => "[yellow]update[/]",
                SetupAction.Remove => "[red]remove[/]",
                _ => "unchanged",
            };
            table.AddRow(item.Kind.ToString().ToLowerInvariant(), Markup.Escape(item.Identifier), action, Markup.Escape(item.Reason));
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{plan.Count(SetupAction.Create)} to create, {plan.Count(SetupAction.Update)} to update, {(plan.Count(SetupAction.Remove) > 0 ? $"{plan.Count(SetupAction.Remove)} to remove, " : string.Empty)}{plan.Count(SetupAction.Unchanged)} unchanged{(dryRun ? " (dry run)" : string.Empty)}.");
    }
}

/// <summary>The folders <c>setup</c> reads: blueprints, scorecards, dashboard pages.</summary>
internal sealed record SetupFolders(string Blueprints, string Scorecards, string Dashboards);
