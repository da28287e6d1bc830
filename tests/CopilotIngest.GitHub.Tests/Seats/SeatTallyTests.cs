using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Seats;

namespace CopilotIngest.GitHub.Tests.Seats;

public sealed class SeatTallyTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Result_SameLoginInDifferentCase_CountsOnceWithLatestActivity()
    {
        var tally = new SeatTally(s_now, 30);
        tally.Add(Seat("Mona", id: 7, lastActivityDaysAgo: 45, org: "a"));
        tally.Add(Seat("mona", id: 7, lastActivityDaysAgo: 2, org: "b"));
        tally.Add(Seat("MONA", id: 7, lastActivityDaysAgo: null, org: "c"));

        var counts = tally.ToCounts();

        Assert.Equal(3, counts.SeatAssignments);
        Assert.Equal(1, counts.Assigned);
        Assert.Equal(1, counts.Active);
        Assert.Equal(0, counts.Inactive);
        Assert.Equal(0, counts.NeverUsed);
    }

    [Fact]
    public void Result_SameIdDifferentLogins_CountsBoth()
    {
        // GitHub's own example lists octocat and octokitten, both with id 1.
        var tally = new SeatTally(s_now, 30);
        tally.Add(Seat("octocat", id: 1, lastActivityDaysAgo: 1));
        tally.Add(Seat("octokitten", id: 1, lastActivityDaysAgo: 1));

        Assert.Equal(2, tally.ToCounts().Assigned);
    }

    [Fact]
    public void Result_SeatsWithoutAssignee_EachCountSeparately()
    {
        var tally = new SeatTally(s_now, 30);
        tally.Add(Seat(null, id: null, lastActivityDaysAgo: 3));
        tally.Add(Seat(null, id: null, lastActivityDaysAgo: null));
        tally.Add(Seat(null, id: 99, lastActivityDaysAgo: 40));
        tally.Add(Seat(null, id: 99, lastActivityDaysAgo: 50));

        var counts = tally.ToCounts();

        Assert.Equal(3, counts.Assigned);
        Assert.Equal((1, 1, 1), (counts.Active, counts.Inactive, counts.NeverUsed));
    }

    [Fact]
    public void Result_ActivityExactlyAtThreshold_IsActive_OneTickOlderIsInactive()
    {
        var tally = new SeatTally(s_now, 30);
        tally.Add(Seat("edge", 1, null) with { LastActivityAt = s_now.AddDays(-30) });
        tally.Add(Seat("older", 2, null) with { LastActivityAt = s_now.AddDays(-30).AddTicks(-1) });

        var counts = tally.ToCounts();

        Assert.Equal(1, counts.Active);
        Assert.Equal(1, counts.Inactive);
    }

    [Fact]
    public void Result_PendingCancellation_CountsOnlyUsersLosingEverySeat()
    {
        var tally = new SeatTally(s_now, 30);
        tally.Add(Seat("both-pending", 1, 1, pending: true));
        tally.Add(Seat("both-pending", 1, 1, pending: true, org: "b"));
        tally.Add(Seat("one-pending", 2, 1, pending: true));
        tally.Add(Seat("one-pending", 2, 1, pending: false, org: "b"));

        Assert.Equal(1, tally.ToCounts().PendingCancellation);
    }

    [Fact]
    public void Result_PlanTypes_UserHoldingBothCountsAsEnterprise()
    {
        var tally = new SeatTally(s_now, 30);
        tally.Add(Seat("a", 1, 1, plan: "business"));
        tally.Add(Seat("a", 1, 1, plan: "enterprise", org: "b"));
        tally.Add(Seat("b", 2, 1, plan: "business"));
        tally.Add(Seat("c", 3, 1, plan: null));
        tally.Add(Seat("d", 4, 1, plan: "something-new"));

        var byPlan = tally.ToCounts().ByPlan;

        Assert.Equal(1, byPlan["enterprise"]);
        Assert.Equal(1, byPlan["business"]);
        Assert.Equal(2, byPlan["unknown"]);
    }

    [Fact]
    public void Result_CustomThreshold_IsUsedAndReported()
    {
        var tally = new SeatTally(s_now, 7);
        tally.Add(Seat("a", 1, 6));
        tally.Add(Seat("b", 2, 8));

        var counts = tally.ToCounts();

        Assert.Equal((1, 1, 7), (counts.Active, counts.Inactive, counts.InactiveDaysThreshold));
    }

    [Fact]
    public async Task CountAsync_Stream_CountsEverySeat()
    {
        var counts = await SeatTally.CountAsync(Stream(), s_now, 30, TestContext.Current.CancellationToken);

        Assert.Equal(1000, counts.SeatAssignments);
        Assert.Equal(500, counts.Assigned);

        static async IAsyncEnumerable<SeatRecord> Stream()
        {
            for (var i = 0; i < 1000; i++)
            {
                await Task.Yield();
                yield return Seat($"user-{i % 500}", i % 500, i % 60);
            }
        }
    }

    [Fact]
    public void Constructor_ZeroDays_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeatTally(s_now, 0));

    private static SeatRecord Seat(string? login, long? id, int? lastActivityDaysAgo, bool pending = false, string? plan = "business", string? org = "a") =>
        new(login, id, org, null, s_now.AddDays(-100), lastActivityDaysAgo is { } days ? s_now.AddDays(-days) : null, null, null, pending ? new DateOnly(2026, 12, 1) : null, plan);
}
