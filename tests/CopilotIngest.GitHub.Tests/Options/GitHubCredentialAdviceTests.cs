using CopilotIngest.GitHub.Options;

namespace CopilotIngest.GitHub.Tests.Options;

public sealed class GitHubCredentialAdviceTests
{
    [Fact]
    public void Warnings_AppWithEnterpriseAndNoToken_NamesEachSeatDataSetAndTheTokenItNeeds()
    {
        var options = new GitHubOptions { AppId = "731", Enterprise = "acme", Organizations = ["web"], SeatDetails = true, UserMetrics = true };

        var warning = Assert.Single(GitHubCredentialAdvice.Warnings(options));

        Assert.StartsWith("github_seats, github_seat_details and github_users for enterprise acme needs GITHUB_TOKEN (a classic PAT with manage_billing:copilot or read:enterprise", warning, StringComparison.Ordinal);
        Assert.Contains("GitHub App installation tokens cannot list enterprise seats", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_AppWithEnterpriseAndClassicToken_None()
    {
        Assert.Empty(GitHubCredentialAdvice.Warnings(new GitHubOptions { AppId = "731", Enterprise = "acme", Token = "ghp_classic" }));
    }

    [Fact]
    public void Warnings_AppWithTokenAndNoEnterprise_SaysTheTokenIsUnused()
    {
        var warning = Assert.Single(GitHubCredentialAdvice.Warnings(new GitHubOptions { AppId = "731", Organizations = ["web"], Token = "ghp_classic" }));

        Assert.StartsWith("GITHUB_TOKEN is set but not used", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_FineGrainedTokenWithEnterprise_WarnsForTheSeatListingAndTheEnterpriseReports()
    {
        var warnings = GitHubCredentialAdvice.Warnings(new GitHubOptions { Enterprise = "acme", Token = "github_pat_11ABCDEF" });

        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("github_seats for enterprise acme needs GITHUB_TOKEN to be a classic PAT", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("github_usage for enterprise acme", warnings[1], StringComparison.Ordinal);
        Assert.All(warnings, w => Assert.DoesNotContain("github_pat_11ABCDEF", w, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("github_pat_11ABCDEF", null)]
    [InlineData("ghp_classic", "acme")]
    public void Warnings_TokenGitHubAcceptsThere_None(string token, string? enterprise)
    {
        Assert.Empty(GitHubCredentialAdvice.Warnings(new GitHubOptions { Token = token, Enterprise = enterprise, Organizations = ["web"] }));
    }
}
