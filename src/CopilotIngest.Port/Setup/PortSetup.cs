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
public sealed class PortSetup(BlueprintSetup blueprints, ScorecardSetup scorecards, PageSetup pages)
{
    public async Task<SetupPlan> ApplyAsync(SetupSources sources, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var blueprintPlan = await blueprints.ApplyAsync(sources.BlueprintsDirectory, dryRun, cancellationToken);
        var scorecardItems = await scorecards.ApplyAsync(sources.ScorecardsDirectory, dryRun, sources.PersonBlueprints, cancellationToken);
        var pageItems = await pages.ApplyAsync(sources.DashboardsDirectory, sources.GitHubScopeType, dryRun, sources.PersonBlueprints, cancellationToken);
        return blueprintPlan with { Scorecards = scorecardItems, Pages = pageItems };
    }
}
