using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Teams;

namespace CopilotIngest.GitHub.Tests.Teams;

public sealed class TeamDayJoinTests
{
    private static readonly DateOnly s_day = new(2026, 11, 23);

    [Fact]
    public void AddMembership_SameSlugInTwoOrganizationsOfAnEnterprise_TwoTeamsWithDistinctIdentifiers()
    {
        var join = new TeamDayJoin(s_day);
        join.AddMembership(Row(userId: 1, teamId: 100, slug: "platform"));
        join.AddMembership(Row(userId: 2, teamId: 200, slug: "platform"));
        join.AddMembership(Row(userId: 3, teamId: 200, slug: "platform"));

        var scope = new SeatScope(SeatScopeType.Enterprise, "acme");
        var identifiers = join.Teams.Select(t => TeamUsageMapper.Map(scope, s_day, t).Identifier).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["enterprise:acme@platform-100@2026-11-23", "enterprise:acme@platform-200@2026-11-23"], identifiers);
        Assert.Equal([1, 2], join.Teams.Select(t => t.Members).Order());
    }

    [Fact]
    public void Map_OrganizationTeam_IdentifierKeepsTheSlugAlone()
    {
        var join = new TeamDayJoin(s_day);
        join.AddMembership(Row(userId: 1, teamId: 100, slug: "platform"));

        var entity = TeamUsageMapper.Map(new SeatScope(SeatScopeType.Organization, "acme"), s_day, join.Teams.Single());

        Assert.Equal("acme@platform@2026-11-23", entity.Identifier);
    }

    private static UserTeamMembership Row(long userId, long teamId, string slug) =>
        new() { Day = s_day, UserId = userId, UserLogin = $"user{userId}", TeamId = teamId, Slug = slug };
}
