using System.Text.Json.Nodes;
using CopilotIngest.Core.Privacy;

namespace CopilotIngest.Port.Setup;

/// <summary>The folders <c>setup</c> applies and the GitHub scope the dashboard filters on.</summary>
/// <param name="BlueprintsDirectory">Blueprint files (required).</param>
/// <param name="ScorecardsDirectory">Scorecard files; skipped when null or missing.</param>
/// <param name="DashboardsDirectory">Dashboard page files; skipped when null or missing.</param>
/// <param name="GitHubScopeType"><see cref="DashboardScope.Organization"/> or <see cref="DashboardScope.Enterprise"/>.</param>
public sealed record SetupSources(string BlueprintsDirectory, string? ScorecardsDirectory, string? DashboardsDirectory, string GitHubScopeType)
{
    /// <summary>
    /// <c>PRIVACY_MODE=aggregate</c>: the blueprints of one entity per person. Their scorecards are left out (and removed
    /// from Port), and the dashboard's widgets that read them are left out. Empty: everything is applied.
    /// </summary>
    public IReadOnlySet<string> PersonBlueprints { get; init; } = new HashSet<string>();
}

/// <summary>
/// <c>setup</c>: blueprints, then scorecards (their rules name blueprint properties), then pages (their widgets name
/// blueprints), each idempotent with one create / update / unchanged plan; a dry run only plans.
/// </summary>
public sealed class PortSetup(BlueprintSetup blueprints, ScorecardSetup scorecards, PageSetup pages, PortClient client)
{
    public async Task<SetupPlan> ApplyAsync(SetupSources sources, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var blueprintPlan = await blueprints.ApplyAsync(sources.BlueprintsDirectory, dryRun, cancellationToken);
        if (sources.PersonBlueprints.Count > 0)
        {
            blueprintPlan = new SetupPlan(await NoteHeldPeopleAsync(blueprintPlan.Blueprints, sources.PersonBlueprints, cancellationToken));
        }

        var scorecardItems = await scorecards.ApplyAsync(sources.ScorecardsDirectory, dryRun, sources.PersonBlueprints, cancellationToken);
        var pageItems = await pages.ApplyAsync(sources.DashboardsDirectory, sources.GitHubScopeType, dryRun, sources.PersonBlueprints, cancellationToken);
        return blueprintPlan with { Scorecards = scorecardItems, Pages = pageItems };
    }

    /// <summary>Aggregate mode writes no person, and deletes none either: the plan says which person blueprints still hold entities.</summary>
    private async Task<IReadOnlyList<BlueprintPlanItem>> NoteHeldPeopleAsync(IReadOnlyList<BlueprintPlanItem> items, IReadOnlySet<string> personBlueprints, CancellationToken cancellationToken)
    {
        var noted = new List<BlueprintPlanItem>(items.Count);
        foreach (var item in items)
        {
            var holdsPeople = personBlueprints.Contains(item.Identifier) && item.Action != SetupAction.Create
                && (await client.SearchEntitiesAsync(item.Identifier, new EntitySearchRequest(new JsonObject { ["combinator"] = "and", ["rules"] = new JsonArray() }, ["$identifier"], 1), cancellationToken)).Entities.Count > 0;
            noted.Add(holdsPeople ? item with { Reason = item.Reason + HeldPeopleNote } : item);
        }

        return noted;
    }

    internal const string HeldPeopleNote = $"; holds entities about people from before {PrivacyOptions.ModeSetting}=aggregate, which neither updates nor deletes them: delete them in Port if they must go";
}
