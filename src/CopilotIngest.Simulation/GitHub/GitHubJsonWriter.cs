using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>Writes the JSON bodies the simulated GitHub serves, in GitHub's shapes (full user and team objects).</summary>
internal static class GitHubJsonWriter
{
    public static byte[] SeatsPage(int totalSeats, IEnumerable<SimulatedSeat> seats, bool withOrganization, string apiBase, DateTimeOffset now)
    {
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("total_seats", totalSeats);
            writer.WriteStartArray("seats");
            foreach (var seat in seats)
            {
                Seat(writer, seat, withOrganization, apiBase, now);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static byte[] Billing(SimulatedOrganization organization, IEnumerable<SimulatedSeat> seats, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cycleStart = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        int total = 0, added = 0, pending = 0, active = 0;
        foreach (var seat in seats)
        {
            total++;
            added += seat.User.SeatCreatedAt >= cycleStart ? 1 : 0;
            pending += seat.PendingCancellation ? 1 : 0;
            active += seat.User.LastActivityAt(now) >= cycleStart ? 1 : 0;
        }

        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("seat_breakdown");
            writer.WriteNumber("total", total);
            writer.WriteNumber("added_this_cycle", added);
            writer.WriteNumber("pending_invitation", total / 150);
            writer.WriteNumber("pending_cancellation", pending);
            writer.WriteNumber("active_this_cycle", active);
            writer.WriteNumber("inactive_this_cycle", total - active);
            writer.WriteEndObject();
            writer.WriteString("seat_management_setting", organization.SeatManagementSetting);
            writer.WriteString("ide_chat", organization.IdeChat);
            writer.WriteString("platform_chat", organization.PlatformChat);
            writer.WriteString("cli", organization.Cli);
            writer.WriteString("public_code_suggestions", organization.PublicCodeSuggestions);
            writer.WriteString("plan_type", organization.PlanType);
            writer.WriteEndObject();
        });
    }

    public static byte[] Error(string message, int status) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteString("documentation_url", "https://docs.github.com/rest");
        writer.WriteString("status", status.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    });

    public static byte[] RateLimit(int limit, int remaining, int used, long reset) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("resources");
        writer.WriteStartObject("core");
        writer.WriteNumber("limit", limit);
        writer.WriteNumber("remaining", remaining);
        writer.WriteNumber("reset", reset);
        writer.WriteNumber("used", used);
        writer.WriteString("resource", "core");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static void Seat(Utf8JsonWriter writer, SimulatedSeat seat, bool withOrganization, string apiBase, DateTimeOffset now)
    {
        var user = seat.User;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        writer.WriteStartObject();
        writer.WriteString("created_at", Timestamp(user.SeatCreatedAt));
        writer.WriteString("updated_at", Timestamp(user.SeatCreatedAt));
        if (seat.PendingCancellation)
        {
            var nextCycle = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            writer.WriteString("pending_cancellation_date", nextCycle.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("pending_cancellation_date");
        }

        var lastActivity = user.LastActivityAt(now);
        WriteTimestampOrNull(writer, "last_activity_at", lastActivity);
        if (lastActivity is null)
        {
            writer.WriteNull("last_activity_editor");
        }
        else
        {
            writer.WriteString("last_activity_editor", user.Activity.Editor);
        }

        WriteTimestampOrNull(writer, "last_authenticated_at", user.LastAuthenticatedAt(now));
        if (seat.PlanType is { } plan)
        {
            writer.WriteString("plan_type", plan);
        }

        writer.WritePropertyName("assignee");
        Account(writer, user.Login, user.Id, "User", apiBase, "users");
        if (withOrganization)
        {
            writer.WritePropertyName("organization");
            if (seat.Organization is { } organization)
            {
                Account(writer, organization.Login, organization.Id, "Organization", apiBase, "orgs");
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WritePropertyName("assigning_team");
        if (seat.Team is null)
        {
            writer.WriteNullValue();
        }
        else if (seat.Team.IsEnterpriseTeam)
        {
            EnterpriseTeam(writer, seat.Team, apiBase);
        }
        else
        {
            Team(writer, seat.Team, seat.Organization!, apiBase);
        }

        writer.WriteEndObject();
    }

    private static void Account(Utf8JsonWriter writer, string login, long id, string type, string apiBase, string collection)
    {
        writer.WriteStartObject();
        writer.WriteString("login", login);
        writer.WriteNumber("id", id);
        writer.WriteString("node_id", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"04:{type}{id}")));
        writer.WriteString("avatar_url", $"https://avatars.githubusercontent.com/u/{id}?v=4");
        writer.WriteString("gravatar_id", string.Empty);
        writer.WriteString("url", $"{apiBase}{collection}/{login}");
        writer.WriteString("html_url", $"https://github.com/{login}");
        writer.WriteString("type", type);
        writer.WriteBoolean("site_admin", false);
        writer.WriteString("user_view_type", "public");
        writer.WriteEndObject();
    }

    private static void Team(Utf8JsonWriter writer, SimulatedTeam team, SimulatedOrganization organization, string apiBase)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", team.Id);
        writer.WriteString("node_id", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"04:Team{team.Id}")));
        writer.WriteString("url", $"{apiBase}organizations/{organization.Id}/team/{team.Id}");
        writer.WriteString("html_url", $"https://github.com/orgs/{organization.Login}/teams/{team.Slug}");
        writer.WriteString("name", team.Name);
        writer.WriteString("slug", team.Slug);
        writer.WriteString("description", $"{team.Name} engineers");
        writer.WriteString("privacy", "closed");
        writer.WriteString("notification_setting", "notifications_enabled");
        writer.WriteString("permission", "pull");
        writer.WriteString("members_url", $"{apiBase}organizations/{organization.Id}/team/{team.Id}/members{{/member}}");
        writer.WriteString("repositories_url", $"{apiBase}organizations/{organization.Id}/team/{team.Id}/repos");
        writer.WriteNull("parent");
        writer.WriteString("type", "organization");
        writer.WriteNumber("organization_id", organization.Id);
        writer.WriteEndObject();
    }

    private static void EnterpriseTeam(Utf8JsonWriter writer, SimulatedTeam team, string apiBase)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", team.Id);
        writer.WriteString("name", team.Name);
        writer.WriteString("slug", team.Slug);
        writer.WriteString("url", $"{apiBase}enterprises/teams/{team.Id}");
        writer.WriteString("html_url", $"https://github.com/enterprises/teams/{team.Slug}");
        writer.WriteString("members_url", $"{apiBase}enterprises/teams/{team.Id}/memberships{{/member}}");
        writer.WriteString("sync_to_organizations", "disabled");
        writer.WriteNull("group_id");
        writer.WriteString("created_at", "2025-01-15T10:00:00Z");
        writer.WriteString("updated_at", "2025-06-01T10:00:00Z");
        writer.WriteEndObject();
    }

    private static void WriteTimestampOrNull(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } timestamp)
        {
            writer.WriteString(name, Timestamp(timestamp));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
