using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Seats;

public sealed class SeatsEntityMapperTests
{
    // octocat was last active 2021-10-14T06:53:32Z, octokitten 2021-10-13T06:53:32Z. At this moment the
    // 30-day window starts 2021-10-13T12:00:00Z: octocat is active, octokitten is not.
    private static readonly DateTimeOffset s_now = new(2021, 11, 12, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Map_OfficialExamples_ProducesExactCounts()
    {
        var time = new FakeTimeProvider(s_now);
        var snapshot = OfficialSnapshot(time);

        var entity = SeatsEntityMapper.Map(snapshot);

        Assert.Equal("github_copilot_seats", entity.Blueprint);
        Assert.Equal("github@2021-11-12", entity.Identifier);
        var expected = JsonNode.Parse("""
            {
              "scope_type": "org",
              "scope": "github",
              "snapshot_date": "2021-11-12T00:00:00Z",
              "total_seats": 2,
              "seat_assignments": 2,
              "billed_seats_this_cycle": 12,
              "added_this_cycle": 9,
              "pending_invitation": 0,
              "pending_cancellation": 0,
              "active_this_cycle": 12,
              "inactive_this_cycle": 11,
              "seat_management_setting": "assign_selected",
              "public_code_suggestions": "block",
              "ide_chat": "enabled",
              "platform_chat": "enabled",
              "cli": "enabled",
              "plan_type": "business",
              "assigned_seats": 2,
              "active_seats": 1,
              "inactive_seats": 1,
              "never_used_seats": 0,
              "pending_cancellation_seats": 1,
              "utilisation_pct": 50.0,
              "inactive_days_threshold": 30,
              "seats_by_plan": { "business": 1, "unknown": 1 }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, entity.Properties), entity.Properties.ToJsonString());
    }

    [Fact]
    public void Map_OfficialExamplesMuchLater_BothSeatsInactive()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var properties = SeatsEntityMapper.Map(OfficialSnapshot(time)).Properties;

        Assert.Equal(0, (int)properties["active_seats"]!);
        Assert.Equal(2, (int)properties["inactive_seats"]!);
        Assert.Equal(0.0, (double)properties["utilisation_pct"]!);
    }

    [Fact]
    public void Map_EnterpriseScope_HasNoBillingPropertiesAndAPrefixedIdentifier()
    {
        var counts = new SeatCounts(5, 3, 2, 1, 0, 0, 30, new Dictionary<string, int> { ["enterprise"] = 3 });
        var snapshot = new SeatSnapshot(SeatScope.Enterprise("github"), new DateOnly(2026, 11, 25), 3, null, counts);

        var entity = SeatsEntityMapper.Map(snapshot);

        Assert.Equal("enterprise:github@2026-11-25", entity.Identifier);
        Assert.Equal("enterprise", (string)entity.Properties["scope_type"]!);
        Assert.Equal(5, (int)entity.Properties["seat_assignments"]!);
        Assert.Equal(3, (int)entity.Properties["assigned_seats"]!);
        Assert.Equal(66.7, (double)entity.Properties["utilisation_pct"]!);
        foreach (var name in new[] { "billed_seats_this_cycle", "added_this_cycle", "pending_cancellation", "ide_chat", "plan_type", "seat_management_setting" })
        {
            Assert.False(entity.Properties.ContainsKey(name), name);
        }
    }

    [Fact]
    public void Map_NoSeats_UtilisationIsZero()
    {
        var counts = new SeatCounts(0, 0, 0, 0, 0, 0, 30, new Dictionary<string, int>());
        var entity = SeatsEntityMapper.Map(new SeatSnapshot(SeatScope.Organization("empty"), new DateOnly(2026, 1, 2), 0, null, counts));

        Assert.Equal(0.0, (double)entity.Properties["utilisation_pct"]!);
        Assert.Equal(0, (int)entity.Properties["total_seats"]!);
    }

    [Fact]
    public void Map_UndocumentedSettingValue_IsLeftOutAndReported()
    {
        var billing = new OrganizationBilling(new SeatBreakdown(1, null, null, null, null, null), "assign_everyone", "BLOCK", null, "enabled", "sometimes", "business");
        var counts = new SeatCounts(1, 1, 1, 0, 0, 0, 30, new Dictionary<string, int> { ["business"] = 1 });

        var entity = SeatsEntityMapper.Map(new SeatSnapshot(SeatScope.Organization("acme"), new DateOnly(2026, 1, 2), 1, billing, counts));

        Assert.False(entity.Properties.ContainsKey("seat_management_setting"));
        Assert.False(entity.Properties.ContainsKey("cli"));
        Assert.False(entity.Properties.ContainsKey("ide_chat"));
        Assert.Equal("block", (string)entity.Properties["public_code_suggestions"]!);
        Assert.Equal(["seat_management_setting='assign_everyone'", "cli='sometimes'"], SeatsEntityMapper.UndocumentedSettings(billing));
    }

    [Fact]
    public void Map_SameSnapshotTwice_GivesEqualEntities()
    {
        var time = new FakeTimeProvider(s_now);

        var first = SeatsEntityMapper.Map(OfficialSnapshot(time));
        var second = SeatsEntityMapper.Map(OfficialSnapshot(time));

        Assert.Equal(first.Identifier, second.Identifier);
        Assert.True(JsonNode.DeepEquals(first.Properties, second.Properties));
    }

    private static SeatSnapshot OfficialSnapshot(TimeProvider time)
    {
        var page = GitHubPayload.ParseSeatsPage(Encoding.UTF8.GetBytes(ReferenceFiles.ReadText("github/seats.example.json")), "/orgs/github/copilot/billing/seats");
        var billing = GitHubPayload.ParseBilling(Encoding.UTF8.GetBytes(ReferenceFiles.ReadText("github/billing.example.json")), "/orgs/github/copilot/billing");
        var now = time.GetUtcNow();
        var tally = new SeatTally(now, 30);
        foreach (var seat in page.Seats)
        {
            tally.Add(seat);
        }

        return new SeatSnapshot(SeatScope.Organization("github"), DateOnly.FromDateTime(now.UtcDateTime), page.TotalSeats, billing, tally.ToCounts());
    }
}
