using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Seats;

/// <summary>Maps a <see cref="SeatSnapshot"/> to a <c>github_copilot_seats</c> entity (pure: same snapshot, same entity).</summary>
public static class SeatsEntityMapper
{
    public const string Blueprint = "github_copilot_seats";

    /// <summary>The documented values of each setting; others are left out (Port would reject them) and reported by <see cref="UndocumentedSettings"/>.</summary>
    public static IReadOnlyDictionary<string, string[]> SettingValues { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["seat_management_setting"] = ["assign_all", "assign_selected", "disabled", "unconfigured"],
        ["public_code_suggestions"] = ["allow", "block", "unconfigured"],
        ["ide_chat"] = ["enabled", "disabled", "unconfigured"],
        ["platform_chat"] = ["enabled", "disabled", "unconfigured"],
        ["cli"] = ["enabled", "disabled", "unconfigured"],
        ["plan_type"] = ["business", "enterprise", "unknown"],
    };

    /// <summary><c>acme@2026-11-25</c> for an organization, <c>enterprise:acme@2026-11-25</c> for an enterprise (slugs in lower case).</summary>
    public static string Identifier(SeatScope scope, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return PortIdentifier.Compose(scope.PortKey, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public static PortEntity Map(SeatSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var scope = snapshot.Scope;
        var counts = snapshot.Counts;
        var date = snapshot.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var properties = new JsonObject
        {
            ["scope_type"] = scope.Type == SeatScopeType.Organization ? "org" : "enterprise",
            ["scope"] = scope.Slug,
            ["snapshot_date"] = date + "T00:00:00Z",
        };

        var billing = snapshot.Billing;
        var breakdown = billing?.SeatBreakdown;
        Set(properties, "total_seats", snapshot.TotalSeats ?? breakdown?.Total);
        Set(properties, "seat_assignments", counts.SeatAssignments);
        Set(properties, "billed_seats_this_cycle", breakdown?.Total);
        Set(properties, "added_this_cycle", breakdown?.AddedThisCycle);
        Set(properties, "pending_invitation", breakdown?.PendingInvitation);
        Set(properties, "pending_cancellation", breakdown?.PendingCancellation);
        Set(properties, "active_this_cycle", breakdown?.ActiveThisCycle);
        Set(properties, "inactive_this_cycle", breakdown?.InactiveThisCycle);
        if (billing is not null)
        {
            foreach (var (name, value) in Settings(billing))
            {
                if (Normalize(name, value) is { } known)
                {
                    properties[name] = known;
                }
            }
        }

        Set(properties, "assigned_seats", counts.Assigned);
        Set(properties, "active_seats", counts.Active);
        Set(properties, "inactive_seats", counts.Inactive);
        Set(properties, "never_used_seats", counts.NeverUsed);
        Set(properties, "pending_cancellation_seats", counts.PendingCancellation);
        properties["utilisation_pct"] = counts.UtilisationPercent;
        Set(properties, "inactive_days_threshold", counts.InactiveDaysThreshold);
        var byPlan = new JsonObject();
        foreach (var (plan, users) in counts.ByPlan)
        {
            byPlan[plan] = users;
        }

        properties["seats_by_plan"] = byPlan;
        snapshot.Cost?.WriteTo(properties);

        var title = scope.Type == SeatScopeType.Organization
            ? $"{scope.Slug} Copilot seats {date}"
            : $"Enterprise {scope.Slug} Copilot seats {date}";
        return new PortEntity(Blueprint, Identifier(scope, snapshot.Day), title, properties);
    }

    /// <summary>Settings whose value is not one GitHub documents (left out of the entity), as <c>name='value'</c>.</summary>
    public static IReadOnlyList<string> UndocumentedSettings(OrganizationBilling? billing) =>
        billing is null
            ? []
            : [.. Settings(billing).Where(s => s.Value is not null && Normalize(s.Name, s.Value) is null).Select(s => $"{s.Name}='{s.Value}'")];

    private static IEnumerable<(string Name, string? Value)> Settings(OrganizationBilling billing)
    {
        yield return ("seat_management_setting", billing.SeatManagementSetting);
        yield return ("public_code_suggestions", billing.PublicCodeSuggestions);
        yield return ("ide_chat", billing.IdeChat);
        yield return ("platform_chat", billing.PlatformChat);
        yield return ("cli", billing.Cli);
        yield return ("plan_type", billing.PlanType);
    }

    private static string? Normalize(string name, string? value) =>
        value is null ? null : SettingValues[name].FirstOrDefault(v => v.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static void Set(JsonObject properties, string name, int? value)
    {
        if (value is { } number)
        {
            properties[name] = number;
        }
    }
}
