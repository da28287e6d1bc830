using CopilotIngest.Core.Privacy;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Snapshots;
using CopilotIngest.GitHub.Teams;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.GitHub.Users;

namespace CopilotIngest.GitHub.Tests.Client;

/// <summary>Logins and slugs are case-insensitive on GitHub, so every identifier holds them in lower case; titles keep the case given.</summary>
public sealed class GitHubIdentityTests
{
    private static readonly DateOnly s_day = new(2026, 11, 25);
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> ScopesInAnyCase => new()
    {
        { "Acme-Corp", "acme-corp" },
        { "ACME-CORP", "acme-corp" },
        { "acme-corp", "acme-corp" },
    };

    [Theory]
    [MemberData(nameof(ScopesInAnyCase))]
    public void Identifiers_OrganizationInAnyCase_FoldedAndTitlesKeepTheCase(string login, string folded)
    {
        var scope = SeatScope.Organization(login);
        var counts = new SeatCounts(0, 0, 0, 0, 0, 0, 30, new Dictionary<string, int>());
        var seats = SeatsEntityMapper.Map(new SeatSnapshot(scope, s_day, 0, null, counts));
        var seat = SeatDetailsMapper.Map(scope, new SeatHolder("Mona-Lisa"), s_now, 30, Pseudonymizer.Plain);
        var user = UserRollupMapper.Map(scope, s_day.AddDays(-27), s_day, null, new SeatHolder("Mona-Lisa"), Pseudonymizer.Plain);
        var team = TeamUsageMapper.Map(scope, s_day, new TeamDayTotals(null, "Frontend"));

        Assert.Equal($"{folded}@2026-11-25", seats.Identifier);
        Assert.Equal($"{folded}@2026-11-25", UsageEntityMapper.Identifier(scope, s_day));
        Assert.Equal(s_day, UsageEntityMapper.DayOf(scope, $"{folded}@2026-11-25"));
        Assert.Equal($"mona-lisa@{folded}", seat.Identifier);
        Assert.Equal($"mona-lisa@{folded}", user.Identifier);
        Assert.Equal($"{folded}@frontend@2026-11-25", team.Identifier);
        Assert.Equal(s_day, TeamUsageMapper.DayOf(scope, team.Identifier));
        Assert.StartsWith(login + " Copilot seats", seats.Title, StringComparison.Ordinal);
        Assert.Equal($"Mona-Lisa ({login})", seat.Title);
        Assert.Equal("Mona-Lisa", (string?)user.Properties["login"]);
    }

    [Theory]
    [MemberData(nameof(ScopesInAnyCase))]
    public void Identifiers_EnterpriseInAnyCase_Folded(string slug, string folded)
    {
        var scope = SeatScope.Enterprise(slug);

        Assert.Equal($"enterprise:{folded}", scope.PortKey);
        Assert.Equal($"enterprise:{folded}@2026-11-25", SeatsEntityMapper.Identifier(scope, s_day));
        Assert.Equal($"mona@enterprise:{folded}", SeatDetailsMapper.Identifier("Mona", scope));
        Assert.Equal($"enterprise:{folded}@platform-100@2026-11-25", TeamUsageMapper.Identifier(scope, "Platform-100", s_day));
    }

    [Fact]
    public void Identifiers_Pseudonymized_SamePseudonymWhateverTheLoginCase()
    {
        var pseudonymizer = new Pseudonymizer(PrivacyMode.Pseudonymize, "key");
        var scope = SeatScope.Organization("Acme");

        var upper = SeatDetailsMapper.Map(scope, new SeatHolder("Mona"), s_now, 30, pseudonymizer);
        var lower = SeatDetailsMapper.Map(scope, new SeatHolder("mona"), s_now, 30, pseudonymizer);

        Assert.Equal(lower.Identifier, upper.Identifier);
        Assert.Matches("^u-[0-9a-f]{20}@acme$", upper.Identifier);
    }
}
