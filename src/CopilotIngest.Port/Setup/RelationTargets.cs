using System.Text.Json.Nodes;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Which relation targets exist for <c>setup</c>: the blueprints of the files being applied, and those Port holds
/// (asked once each). A relation to any other blueprint is taken out of the desired blueprint until it exists.
/// </summary>
internal sealed class RelationTargets(PortClient client, IEnumerable<string> ours)
{
    private readonly HashSet<string> _ours = new(ours, StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _inPort = new(StringComparer.Ordinal);

    /// <summary>Removes, in place, the relations of <paramref name="desired"/> whose target is missing; returns a note for the plan (empty when none).</summary>
    public async Task<string> LeaveOutMissingAsync(JsonObject desired, CancellationToken cancellationToken)
    {
        if (desired[BlueprintDiff.Relations] is not JsonObject relations)
        {
            return string.Empty;
        }

        var missing = new List<string>();
        foreach (var (name, relation) in relations.ToList())
        {
            if (relation?["target"] is JsonValue value && value.TryGetValue<string>(out var target) && !await ExistsAsync(target, cancellationToken))
            {
                relations.Remove(name);
                missing.Add($"{name} → {target}");
            }
        }

        return missing.Count == 0
            ? string.Empty
            : $"; relation {string.Join(", ", missing)} left out: the target blueprint is not in Port (Port's GitHub integration creates it; run setup again after installing it)";
    }

    private async Task<bool> ExistsAsync(string target, CancellationToken cancellationToken)
    {
        if (_ours.Contains(target))
        {
            return true;
        }

        if (!_inPort.TryGetValue(target, out var exists))
        {
            exists = await client.GetBlueprintAsync(target, cancellationToken) is not null;
            _inPort[target] = exists;
        }

        return exists;
    }
}
