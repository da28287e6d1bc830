using System.CommandLine;
using CopilotIngest.Demo;
using CopilotIngest.Hosting;
using CopilotIngest.Port.Setup;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest setup</c>: create or update the product's blueprints in Port.</summary>
internal static class SetupCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("setup", "Create or update the blueprints of configs/blueprints in Port (idempotent).");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change and change nothing." };
        var blueprints = new Option<string?>("--blueprints")
        {
            Description = "Folder of blueprint JSON files (default: configs/blueprints shipped with the binary).",
            HelpName = "dir",
        };
        var envFile = CommonOptions.EnvFile();
        command.Options.Add(dryRun);
        command.Options.Add(blueprints);
        command.Options.Add(envFile);
        command.SetAction((parseResult, cancellationToken) => CommandGuard.RunAsync(
            context,
            () => ExecuteWithPortTargetAsync(
                context,
                parseResult.GetValue(envFile),
                parseResult.GetValue(blueprints) ?? ProductFiles.BlueprintsDirectory(context.WorkingDirectory),
                parseResult.GetValue(dryRun),
                cancellationToken),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteWithPortTargetAsync(CliContext context, string? envFile, string blueprintsDirectory, bool dryRun, CancellationToken cancellationToken)
    {
        var settings = IngestionWorkflow.LoadSettings(context, envFile);
        await using var embedded = await EmbeddedPort.StartIfRequestedAsync(
            settings, EmbeddedPort.DataDirectory(settings, context.WorkingDirectory), unsetMeansLocal: false, context.TimeProvider, cancellationToken);
        if (embedded.Server is not null)
        {
            settings = IngestionWorkflow.LoadSettings(context, envFile, embedded.Overrides());
        }

        return await ExecuteAsync(settings, context, blueprintsDirectory, dryRun, cancellationToken);
    }

    public static async Task<int> ExecuteAsync(LoadedSettings settings, CliContext context, string blueprintsDirectory, bool dryRun, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.Port, context, cancellationToken);
        var plan = await host.Services.GetRequiredService<BlueprintSetup>().ApplyAsync(blueprintsDirectory, dryRun, cancellationToken);
        Print(Output.Consoles.Create(context.Out, context.Interactive), plan, dryRun);
        await host.StopAsync(cancellationToken);
        return ExitCodes.Success;
    }

    public static void Print(IAnsiConsole console, SetupPlan plan, bool dryRun)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(dryRun ? "[bold]Setup plan (dry run: nothing changed)[/]" : "[bold]Setup[/]");
        table.AddColumns("Blueprint", "Action", "Why");
        foreach (var item in plan.Blueprints)
        {
            var action = item.Action switch
            {
                SetupAction.Create => "[green]create[/]",
                SetupAction.Update => "[yellow]update[/]",
                _ => "unchanged",
            };
            table.AddRow(Markup.Escape(item.Identifier), action, Markup.Escape(item.Reason));
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{plan.Count(SetupAction.Create)} to create, {plan.Count(SetupAction.Update)} to update, {plan.Count(SetupAction.Unchanged)} unchanged{(dryRun ? " (dry run)" : string.Empty)}.");
    }
}
