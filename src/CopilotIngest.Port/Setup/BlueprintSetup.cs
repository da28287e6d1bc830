using System.Text.Json.Nodes;
using CopilotIngest.Port.Sink;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Applies <c>configs/blueprints/*.json</c> to Port idempotently: creates what is missing, updates what differs,
/// leaves equal blueprints alone. As Port's own tools do, it works in passes so references always resolve:
/// (1) create/patch without relations and relation-dependent keys, (2) relations, (3) mirror, aggregation and
/// calculation properties. A relation to a blueprint that is neither in the files nor in Port (Port's GitHub
/// integration's <c>githubUser</c>, <c>githubTeam</c>, …) is left out until that blueprint exists, so setup never
/// depends on how Port treats a relation to a missing blueprint; the plan says so. File problems throw
/// <see cref="InvalidDataException"/> naming the file; Port problems throw <see cref="Core.Http.ApiException"/>.
/// </summary>
public sealed partial class BlueprintSetup(PortClient client, ILogger<BlueprintSetup> logger)
{
    private const int MaxReasonPaths = 5;

    /// <summary>Reads the files and compares each with Port; changes nothing.</summary>
    public async Task<SetupPlan> PlanAsync(string blueprintsDirectory, CancellationToken cancellationToken) =>
        ToPlan(await BuildAsync(blueprintsDirectory, cancellationToken));

    /// <summary>Plans, then (unless <paramref name="dryRun"/>) applies the plan; returns the plan.</summary>
    public async Task<SetupPlan> ApplyAsync(string blueprintsDirectory, bool dryRun, CancellationToken cancellationToken)
    {
        var planned = await BuildAsync(blueprintsDirectory, cancellationToken);
        if (!dryRun)
        {
            await ApplyBasesAsync(planned, cancellationToken);
            await ApplyRelationsAsync(planned, cancellationToken);
            await ApplyDependentsAsync(planned, cancellationToken);
        }

        return ToPlan(planned);
    }

    private async Task<List<Planned>> BuildAsync(string directory, CancellationToken cancellationToken)
    {
        var files = BlueprintFiles.Read(directory);
        var planned = new List<Planned>(files.Count);
        var targets = new RelationTargets(client, files.Select(f => f.Identifier));
        foreach (var (file, identifier, desired) in files)
        {
            var leftOut = await targets.LeaveOutMissingAsync(desired, cancellationToken);
            var current = await client.GetBlueprintAsync(identifier, cancellationToken);
            if (current is null)
            {
                var keys = desired.Select(p => p.Key).Where(k => k != "identifier").ToList();
                planned.Add(new Planned(new BlueprintPlanItem(identifier, file, SetupAction.Create, "not in Port yet" + leftOut), desired, null, keys));
                continue;
            }

            var owned = BlueprintDiff.OwnedView(desired, current);
            var changed = BlueprintDiff.ChangedKeys(desired, owned);
            var item = changed.Count == 0
                ? new BlueprintPlanItem(identifier, file, SetupAction.Unchanged, "matches Port" + leftOut)
                : new BlueprintPlanItem(identifier, file, SetupAction.Update, "differs in " + Summarize(BlueprintDiff.ChangedPaths(desired, owned)) + leftOut);
            planned.Add(new Planned(item, desired, current, changed));
        }

        return planned;
    }

    /// <summary>Pass 1: create missing blueprints and patch changed plain keys, without anything that refers to other blueprints.</summary>
    private async Task ApplyBasesAsync(List<Planned> planned, CancellationToken cancellationToken)
    {
        foreach (var blueprint in planned)
        {
            var baseKeys = blueprint.Keys.Where(k => !BlueprintDiff.IsDependent(k)).ToList();
            switch (blueprint.Item.Action)
            {
                case SetupAction.Create:
                    var body = Body(blueprint.Desired, baseKeys);
                    body["identifier"] = blueprint.Item.Identifier;
                    LogCreating(blueprint.Item.Identifier);
                    await client.CreateBlueprintAsync(body, cancellationToken);
                    break;
                case SetupAction.Update when baseKeys.Count > 0:
                    await PatchAsync(blueprint, baseKeys, cancellationToken);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// Pass 2: relations, now that every blueprint exists. When relations are removed, the keys that may refer to
    /// them (mirror, aggregation, …) change in the same call, so Port never sees a reference to a missing relation.
    /// </summary>
    private async Task ApplyRelationsAsync(List<Planned> planned, CancellationToken cancellationToken)
    {
        foreach (var blueprint in planned.Where(b => b.Keys.Contains(BlueprintDiff.Relations)))
        {
            if (blueprint.Item.Action == SetupAction.Create && JsonEquivalence.IsEmpty(blueprint.Desired[BlueprintDiff.Relations]))
            {
                continue;
            }

            List<string> keys = [BlueprintDiff.Relations];
            if (RemovesRelations(blueprint))
            {
                keys.AddRange(blueprint.Keys.Where(BlueprintDiff.DependentKeys.Contains));
            }

            await PatchAsync(blueprint, keys, cancellationToken);
        }
    }

    /// <summary>Pass 3: mirror, aggregation and calculation properties and ownership, now that every relation exists.</summary>
    private async Task ApplyDependentsAsync(List<Planned> planned, CancellationToken cancellationToken)
    {
        foreach (var blueprint in planned.Where(b => b.Item.Action != SetupAction.Unchanged && !RemovesRelations(b)))
        {
            var keys = blueprint.Keys.Where(BlueprintDiff.DependentKeys.Contains)
                .Where(k => blueprint.Item.Action == SetupAction.Update || !JsonEquivalence.IsEmpty(blueprint.Desired[k]))
                .ToList();
            if (keys.Count > 0)
            {
                await PatchAsync(blueprint, keys, cancellationToken);
            }
        }
    }

    private async Task PatchAsync(Planned blueprint, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        LogPatching(blueprint.Item.Identifier, keys);
        await client.PatchBlueprintAsync(blueprint.Item.Identifier, Body(blueprint.Desired, keys), cancellationToken);
    }

    private static bool RemovesRelations(Planned blueprint) =>
        blueprint.Item.Action == SetupAction.Update
        && blueprint.Keys.Contains(BlueprintDiff.Relations)
        && blueprint.Current?[BlueprintDiff.Relations] is JsonObject current
        && current.Any(relation => blueprint.Desired[BlueprintDiff.Relations]?[relation.Key] is null);

    private static JsonObject Body(JsonObject desired, IEnumerable<string> keys)
    {
        var body = new JsonObject();
        foreach (var key in keys)
        {
            body[key] = BlueprintDiff.Desired(desired, key);
        }

        return body;
    }

    private static string Summarize(IReadOnlyList<string> paths) =>
        paths.Count <= MaxReasonPaths
            ? string.Join(", ", paths)
            : string.Join(", ", paths.Take(MaxReasonPaths)) + $" and {paths.Count - MaxReasonPaths} more";

    private static SetupPlan ToPlan(List<Planned> planned) => new(planned.Select(p => p.Item).ToList());

    [LoggerMessage(EventId = 540, Level = LogLevel.Information, Message = "Creating blueprint {Blueprint}")]
    private partial void LogCreating(string blueprint);

    [LoggerMessage(EventId = 541, Level = LogLevel.Information, Message = "Updating blueprint {Blueprint}: {Keys}")]
    private partial void LogPatching(string blueprint, IReadOnlyList<string> keys);

    /// <summary>A plan item with what apply needs: the file's blueprint, Port's copy (null when missing) and the top-level keys to write.</summary>
    private sealed record Planned(BlueprintPlanItem Item, JsonObject Desired, JsonObject? Current, IReadOnlyList<string> Keys);
}
