using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Privacy;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Users;
using CopilotIngest.Hosting;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Port.Setup;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CopilotIngest.Workflows;

/// <summary>What <c>setup</c> (and the demo before its run) does: create or update the blueprints, scorecards and dashboard page in Port.</summary>
internal static class SetupWorkflow
{
    /// <summary>The product's folders as shipped beside the binary (or in the working directory).</summary>
    public static SetupFolders ProductFolders(CliContext context) => new(
        ProductFiles.BlueprintsDirectory(context.WorkingDirectory),
        ProductFiles.ScorecardsDirectory(context.WorkingDirectory),
        ProductFiles.DashboardsDirectory(context.WorkingDirectory));

    /// <summary><see cref="DashboardScope.Enterprise"/> when <c>GITHUB_ENTERPRISE</c> is set, else <see cref="DashboardScope.Organization"/>.</summary>
    private static string GitHubScopeType(LoadedSettings settings) =>
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

    private static void Print(IAnsiConsole console, SetupPlan plan, bool dryRun)
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
