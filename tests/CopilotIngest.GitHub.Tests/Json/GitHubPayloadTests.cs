using System.Text;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Json;
using CopilotIngest.Testing;

namespace CopilotIngest.GitHub.Tests.Json;

public sealed class GitHubPayloadTests
{
    private const string SeatsPath = "/orgs/acme/copilot/billing/seats";

    [Fact]
    public void ParseSeatsPage_OfficialExample_ReadsEveryField()
    {
        var page = GitHubPayload.ParseSeatsPage(Bytes(ReferenceFiles.ReadText("github/seats.example.json")), SeatsPath);

        Assert.Equal(2, page.TotalSeats);
        var first = page.Seats[0];
        Assert.Equal(("octocat", 1L), (first.AssigneeLogin, first.AssigneeId));
        Assert.Equal("justice-league", first.AssigningTeamSlug);
        Assert.Equal(new DateTimeOffset(2021, 10, 14, 0, 53, 32, TimeSpan.FromHours(-6)), first.LastActivityAt);
        Assert.Equal("vscode/1.77.3/copilot/1.86.82", first.LastActivityEditor);
        Assert.Equal("business", first.PlanType);
        Assert.Null(first.PendingCancellationDate);
        var second = page.Seats[1];
        Assert.Equal("octokitten", second.AssigneeLogin);
        Assert.Null(second.PlanType);
        Assert.Null(second.AssigningTeamSlug);
        Assert.Equal(new DateOnly(2021, 11, 1), second.PendingCancellationDate);
    }

    [Fact]
    public void ParseBilling_OfficialExample_ReadsBreakdownAndSettings()
    {
        var billing = GitHubPayload.ParseBilling(Bytes(ReferenceFiles.ReadText("github/billing.example.json")), "/orgs/acme/copilot/billing");

        Assert.Equal(new CopilotIngest.GitHub.Client.SeatBreakdown(12, 9, 0, 0, 12, 11), billing.SeatBreakdown);
        Assert.Equal(("assign_selected", "block", "enabled", "enabled", "enabled", "business"), (billing.SeatManagementSetting, billing.PublicCodeSuggestions, billing.IdeChat, billing.PlatformChat, billing.Cli, billing.PlanType));
    }

    [Fact]
    public void ParseSeatsPage_NullAssigneeEnterpriseTeamAndUnknownFields_AreTolerated()
    {
        const string body = """
            {
              "total_seats": 2,
              "brand_new_field": {"nested": [1, 2, 3]},
              "seats": [
                { "created_at": "2026-01-01T00:00:00Z", "assignee": null, "assigning_team": null, "plan_type": "enterprise" },
                { "created_at": "2026-01-02T00:00:00Z",
                  "assignee": { "login": "mona", "id": 5, "type": "User", "user_view_type": "public", "future": true },
                  "organization": { "login": "acme", "id": 9 },
                  "assigning_team": { "id": 3, "name": "Champions", "slug": "champions", "group_id": 42, "sync_to_organizations": "disabled" } }
              ]
            }
            """;

        var page = GitHubPayload.ParseSeatsPage(Bytes(body), SeatsPath);

        Assert.Null(page.Seats[0].AssigneeLogin);
        Assert.Null(page.Seats[0].LastActivityAt);
        Assert.Equal(("mona", "acme", "champions"), (page.Seats[1].AssigneeLogin, page.Seats[1].OrganizationLogin, page.Seats[1].AssigningTeamSlug));
    }

    [Fact]
    public void ParseSeatsPage_NoTotalSeats_IsNull()
    {
        var page = GitHubPayload.ParseSeatsPage(Bytes("""{"seats": []}"""), SeatsPath);

        Assert.Null(page.TotalSeats);
        Assert.Empty(page.Seats);
    }

    [Theory]
    [InlineData("", "empty response")]
    [InlineData("   \n ", "empty response")]
    [InlineData("{", "not the expected JSON")]
    [InlineData("""{"total_seats": 2, "seats": [{"created_at": "2026-01-01T00:00:00Z", "assign""", "not the expected JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("[]", "not the expected JSON")]
    [InlineData("42", "not the expected JSON")]
    [InlineData("""{"total_seats": "many", "seats": []}""", "not the expected JSON")]
    [InlineData("""{"total_seats": 1, "seats": {"login": "x"}}""", "not the expected JSON")]
    [InlineData("""{"total_seats": 1, "seats": [{"created_at": "yesterday"}]}""", "not the expected JSON")]
    [InlineData("""{"total_seats": 1, "seats": [{"assignee": "octocat"}]}""", "not the expected JSON")]
    [InlineData("""{"total_seats": 1, "seats": [null]}""", "seat 0 is null")]
    [InlineData("""{"total_seats": -1, "seats": []}""", "negative")]
    [InlineData("""{"message": "hello"}""", "no 'seats' array")]
    [InlineData("<html><body>Sign in to continue</body></html>", "HTML page")]
    public void ParseSeatsPage_BadBody_ThrowsApiExceptionNamingThePath(string body, string expected)
    {
        var ex = Assert.Throws<ApiException>(() => GitHubPayload.ParseSeatsPage(Bytes(body), SeatsPath));

        Assert.Contains(SeatsPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("GitHub", ex.Service);
    }

    [Theory]
    [InlineData("{}", "no 'seat_breakdown'")]
    [InlineData("""{"seat_breakdown": 12}""", "not the expected JSON")]
    [InlineData("""{"seat_breakdown": {"total": "12"}}""", "not the expected JSON")]
    [InlineData("""{"seat_breakdown": {"total": 12}, "ide_chat": true}""", "not the expected JSON")]
    public void ParseBilling_BadBody_ThrowsApiExceptionNamingThePath(string body, string expected)
    {
        var ex = Assert.Throws<ApiException>(() => GitHubPayload.ParseBilling(Bytes(body), "/orgs/acme/copilot/billing"));

        Assert.Contains("/orgs/acme/copilot/billing", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSeatsPage_HugePage_ReadsEverySeat()
    {
        var builder = new StringBuilder("""{"total_seats": 20000, "seats": [""");
        for (var i = 0; i < 20000; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",")
                .Append($$$"""{"created_at":"2026-01-01T00:00:00Z","last_activity_at":"2026-11-01T10:00:00Z","assignee":{"login":"user-{{{i}}}","id":{{{i}}}}}""");
        }

        var page = GitHubPayload.ParseSeatsPage(Bytes(builder.Append("]}").ToString()), SeatsPath);

        Assert.Equal(20000, page.Seats.Count);
        Assert.Equal("user-19999", page.Seats[^1].AssigneeLogin);
    }

    [Theory]
    [InlineData("""{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}""", "Bad credentials")]
    [InlineData("""{"documentation_url": "x"}""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void TryReadErrorMessage_VariousBodies_ReadsGitHubsMessageOnly(string body, string? expected) =>
        Assert.Equal(expected, GitHubPayload.TryReadErrorMessage(Bytes(body)));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
