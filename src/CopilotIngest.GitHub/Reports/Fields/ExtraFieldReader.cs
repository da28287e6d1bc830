using System.Globalization;
using System.Text.Json;

namespace CopilotIngest.GitHub.Reports.Fields;

/// <summary>
/// Tolerant readers for the 2026 report fields. Null or absent gives null (no data); a value of another shape is
/// counted in <see cref="FieldProblems"/> and gives null; in arrays, a bad entry is counted and skipped while the good
/// entries are kept. Entries naming the same item twice are summed.
/// </summary>
public static class ExtraFieldReader
{
    private const string CountShape = "a whole number of at least 0";

    public static long? Count(JsonElement? value, string field, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (IsMissing(value))
        {
            return null;
        }

        if (Number(value!.Value) is { } number)
        {
            return number;
        }

        problems.Add(field, CountShape);
        return null;
    }

    public static bool? Flag(JsonElement? value, string field, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (IsMissing(value))
        {
            return null;
        }

        switch (value!.Value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                problems.Add(field, "true or false");
                return null;
        }
    }

    /// <summary>An array of <c>{ "&lt;nameKey&gt;": "...", "interaction_count": n }</c> as a map from name to count.</summary>
    public static IReadOnlyDictionary<string, long>? CountsByName(JsonElement? value, string field, string nameKey, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var shape = $"an array of objects with {nameKey} and interaction_count";
        if (Elements(value, field, shape, problems) is not { } elements)
        {
            return null;
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (element.ValueKind == JsonValueKind.Object
                && Text(element, nameKey) is { Length: > 0 } name
                && element.TryGetProperty("interaction_count", out var count)
                && Number(count) is { } n)
            {
                counts[name] = counts.GetValueOrDefault(name) + n;
            }
            else
            {
                problems.Add(field, shape);
            }
        }

        return counts;
    }

    /// <summary><c>totals_by_3rd_party_agent</c> keyed by <c>agent_id</c> (a string or a number).</summary>
    public static IReadOnlyDictionary<string, ThirdPartyAgentTotals>? ThirdPartyAgents(JsonElement? value, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const string Field = "totals_by_3rd_party_agent";
        const string Shape = "an array of objects with agent_id, agent_name, user_initiated_interaction_count and session_count";
        if (Elements(value, Field, Shape, problems) is not { } elements)
        {
            return null;
        }

        var agents = new SortedDictionary<string, ThirdPartyAgentTotals>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (element.ValueKind != JsonValueKind.Object || Id(element, "agent_id") is not { } id)
            {
                problems.Add(Field, Shape);
                continue;
            }

            var name = Text(element, "agent_name");
            var interactions = OptionalNumber(element, "user_initiated_interaction_count", Field, Shape, problems);
            var sessions = OptionalNumber(element, "session_count", Field, Shape, problems);
            agents[id] = agents.TryGetValue(id, out var seen)
                ? new ThirdPartyAgentTotals(seen.Name ?? name, Sum(seen.Interactions, interactions), Sum(seen.Sessions, sessions))
                : new ThirdPartyAgentTotals(name, interactions, sessions);
        }

        return agents;
    }

    public static CopilotAppTotals? CopilotApp(JsonElement? value, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const string Field = "totals_by_copilot_app";
        const string Shape = "an object with session_count, request_count and prompt_count";
        if (IsMissing(value))
        {
            return null;
        }

        var element = value!.Value;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Field, Shape);
            return null;
        }

        return new CopilotAppTotals(
            OptionalNumber(element, "session_count", Field, Shape, problems),
            OptionalNumber(element, "request_count", Field, Shape, problems),
            OptionalNumber(element, "prompt_count", Field, Shape, problems));
    }

    public static AdoptionPhase? Phase(JsonElement? value, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const string Field = "ai_adoption_phase";
        const string Shape = "an object with phase_number and phase";
        if (IsMissing(value))
        {
            return null;
        }

        var element = value!.Value;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Field, Shape);
            return null;
        }

        var number = OptionalNumber(element, "phase_number", Field, Shape, problems);
        var name = Text(element, "phase");
        return number is null && name is null ? null : new AdoptionPhase(number, name);
    }

    /// <summary><c>totals_by_ai_adoption_phase</c> as engaged users per phase name.</summary>
    public static IReadOnlyDictionary<string, long>? UsersByPhase(JsonElement? value, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const string Field = "totals_by_ai_adoption_phase";
        const string Shape = "an array of objects with phase and total_engaged_users";
        if (Elements(value, Field, Shape, problems) is not { } elements)
        {
            return null;
        }

        var users = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var name = element.ValueKind == JsonValueKind.Object
                ? Text(element, "phase") ?? (element.TryGetProperty("phase_number", out var n) && Number(n) is { } number ? number.ToString(CultureInfo.InvariantCulture) : null)
                : null;
            if (name is { Length: > 0 } && element.TryGetProperty("total_engaged_users", out var engaged) && Number(engaged) is { } count)
            {
                users[name] = users.GetValueOrDefault(name) + count;
            }
            else
            {
                problems.Add(Field, Shape);
            }
        }

        return users;
    }

    private static bool IsMissing(JsonElement? value) => value is null || value.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private static List<JsonElement>? Elements(JsonElement? value, string field, string shape, FieldProblems problems)
    {
        if (IsMissing(value))
        {
            return null;
        }

        if (value!.Value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(field, shape);
            return null;
        }

        return [.. value.Value.EnumerateArray()];
    }

    private static long? Number(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (element.TryGetInt64(out var whole))
        {
            return whole >= 0 ? whole : null;
        }

        return element.TryGetDouble(out var real) && real >= 0 && real <= long.MaxValue && Math.Floor(real) == real ? (long)real : null;
    }

    /// <summary>A counter of an object entry: null when absent or null, counted as a problem when of another shape.</summary>
    private static long? OptionalNumber(JsonElement element, string name, string field, string shape, FieldProblems problems)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (Number(value) is { } number)
        {
            return number;
        }

        problems.Add(field, shape);
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Id(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() is { Length: > 0 } s ? s : null
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
