using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Privacy;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Snapshots;

namespace CopilotIngest.GitHub.SeatDetails;

/// <summary>Maps one seated user of a scope to a <c>github_copilot_seat</c> entity (pure); the login is replaced by its pseudonym in pseudonymize mode.</summary>
public static class SeatDetailsMapper
{
    public const string Blueprint = "github_copilot_seat";

    /// <summary><c>mona@acme</c>, <c>mona@enterprise:acme</c>, or <c>u-…@acme</c> with pseudonyms.</summary>
    public static string Identifier(string user, SeatScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        return PortIdentifier.Compose(GitHubIdentity.Fold(user), scope.PortKey);
    }

    public static PortEntity Map(SeatScope scope, SeatHolder holder, DateTimeOffset now, int inactiveDays, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var user = pseudonymizer.Apply(holder.Login);
        var properties = new JsonObject
        {
            ["login"] = user,
            ["scope_type"] = scope.TypeName,
            ["scope"] = scope.Slug,
            ["status"] = SeatStatus.Of(holder, now, inactiveDays),
            ["snapshot_date"] = now.UtcDateTime.Date.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture),
            ["inactive_days_threshold"] = inactiveDays,
            ["seat_records"] = holder.SeatRecords,
            ["assigning_teams"] = new JsonArray([.. holder.AssigningTeams.Select(t => (JsonNode?)t)]),
        };
        if (scope.Type == SeatScopeType.Enterprise)
        {
            properties["organizations"] = new JsonArray([.. holder.Organizations.Select(o => (JsonNode?)o)]);
        }

        SetTime(properties, "last_activity_at", holder.LastActivityAt);
        if (holder.LastActivityAt is { } last)
        {
            properties["days_since_last_activity"] = Math.Max(0, (int)Math.Floor((now - last).TotalDays));
            if (holder.LastActivityEditor is { Length: > 0 } editor)
            {
                properties["last_activity_editor"] = editor;
            }
        }

        SetTime(properties, "last_authenticated_at", holder.LastAuthenticatedAt);
        SetTime(properties, "seat_created_at", holder.CreatedAt);
        if (holder.PendingCancellationDate is { } pending)
        {
            properties["pending_cancellation_date"] = pending.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture);
        }

        // A plan GitHub adds later is left out rather than sent against the blueprint's allowed values.
        if (holder.PlanType is "business" or "enterprise" or "unknown")
        {
            properties["plan_type"] = holder.PlanType;
        }

        if (!pseudonymizer.IsActive && holder.Id is { } id)
        {
            properties["user_id"] = id;
        }

        var title = scope.Type == SeatScopeType.Organization ? $"{user} ({scope.Slug})" : $"{user} (enterprise {scope.Slug})";
        return new PortEntity(Blueprint, Identifier(user, scope), title, properties);
    }

    private static void SetTime(JsonObject properties, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            properties[name] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }
}
