using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using CopilotIngest.Core.Privacy;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Applies <c>configs/scorecards/*.json</c> idempotently: one scorecard per file, Port's scorecard body plus the
/// <c>blueprint</c> it belongs to. Missing ones are created (<c>POST /v1/blueprints/{bp}/scorecards</c>), differing ones
/// replaced (<c>PUT …/scorecards/{id}</c>), equal ones left alone; scorecards only in Port are kept. A scorecard on a
/// person blueprint in aggregate mode is not applied, and deleted when Port holds it.
/// </summary>
public sealed partial class ScorecardSetup(PortClient client, ILogger<ScorecardSetup> logger)
{
    public async Task<IReadOnlyList<BlueprintPlanItem>> ApplyAsync(string? directory, bool dryRun, IReadOnlySet<string> personBlueprints, CancellationToken cancellationToken)
    {
        var items = new List<BlueprintPlanItem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, scorecard) in ConfigFiles.ReadOptional(directory, "scorecard"))
        {
            var blueprint = ConfigFiles.RequiredString(scorecard, "blueprint", file);
            var identifier = ConfigFiles.RequiredString(scorecard, "identifier", file);
            ConfigFiles.RequiredString(scorecard, "title", file);
            if (scorecard["rules"] is not JsonArray)
            {
                throw new InvalidDataException($"{file}: \"rules\" is required (an array).");
            }

            var name = $"{blueprint}/{identifier}";
            if (!seen.TryAdd(name, file))
            {
                throw new InvalidDataException($"{file}: scorecard '{name}' is also defined in {seen[name]}.");
            }

            var body = (JsonObject)scorecard.DeepClone();
            body.Remove("blueprint");
            var current = await client.GetScorecardAsync(blueprint, identifier, cancellationToken);
            if (personBlueprints.Contains(blueprint))
            {
                items.Add(await LeaveOutAsync(name, file, blueprint, identifier, current is not null, dryRun, cancellationToken));
                continue;
            }

            var changed = current is null ? [] : JsonSubset.ChangedKeys(body, current);
            var item = current is null
                ? new BlueprintPlanItem(name, file, SetupAction.Create, "not in Port yet", SetupKind.Scorecard)
                : changed.Count == 0
                    ? new BlueprintPlanItem(name, file, SetupAction.Unchanged, "matches Port", SetupKind.Scorecard)
                    : new BlueprintPlanItem(name, file, SetupAction.Update, "differs in " + string.Join(", ", changed), SetupKind.Scorecard);
            items.Add(item);
            if (dryRun || item.Action == SetupAction.Unchanged)
            {
                continue;
            }

            LogApplying(item.Action, name);
            _ = item.Action == SetupAction.Create
                ? await client.CreateScorecardAsync(blueprint, body, cancellationToken)
                : await client.PutScorecardAsync(blueprint, identifier, body, cancellationToken);
        }

        return items;
    }

    /// <summary>Aggregate mode: a scorecard scores one person, so it is not applied, and removed when Port holds it.</summary>
    private async Task<BlueprintPlanItem> LeaveOutAsync(string name, string file, string blueprint, string identifier, bool inPort, bool dryRun, CancellationToken cancellationToken)
    {
        if (!inPort)
        {
            return new BlueprintPlanItem(name, file, SetupAction.Unchanged, AggregateReason + ": left out", SetupKind.Scorecard);
        }

        if (!dryRun)
        {
            LogApplying(SetupAction.Remove, name);
            await client.DeleteScorecardAsync(blueprint, identifier, cancellationToken);
        }

        return new BlueprintPlanItem(name, file, SetupAction.Remove, AggregateReason + ": removed from Port", SetupKind.Scorecard);
    }

    internal const string AggregateReason = $"{PrivacyOptions.ModeSetting}=aggregate scores no person";

    [LoggerMessage(EventId = 546, Level = LogLevel.Information, Message = "Scorecard {Scorecard}: {Action}")]
    private partial void LogApplying(SetupAction action, string scorecard);
}
