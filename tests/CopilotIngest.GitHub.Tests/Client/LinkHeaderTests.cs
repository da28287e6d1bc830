using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Tests.Client;

public sealed class LinkHeaderTests
{
    private static readonly Uri s_request = new("https://api.github.com/orgs/acme/copilot/billing/seats?per_page=100");

    [Theory]
    [InlineData("""<https://api.github.com/organizations/9/copilot/billing/seats?per_page=100&page=2>; rel="next", <https://api.github.com/organizations/9/copilot/billing/seats?per_page=100&page=5>; rel="last" """, "https://api.github.com/organizations/9/copilot/billing/seats?per_page=100&page=2")]
    [InlineData("""<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next", <https://x/a?page=1>; rel="first" """, "https://x/a?page=3")]
    [InlineData("""<https://x/a?page=3>; rel=next""", "https://x/a?page=3")]
    [InlineData("""<https://x/a?page=3>; title="n, m"; rel="prev next" """, "https://x/a?page=3")]
    [InlineData("""</orgs/acme/copilot/billing/seats?page=2>; rel="next" """, "https://api.github.com/orgs/acme/copilot/billing/seats?page=2")]
    public void FindNext_GitHubStyleHeaders_ReturnsNextTarget(string header, string expected)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", header);

        Assert.Equal(new Uri(expected), LinkHeader.FindNext(response.Headers, s_request));
    }

    [Theory]
    [InlineData("""<https://x/a?page=1>; rel="prev", <https://x/a?page=1>; rel="first" """)]
    [InlineData("""<https://x/a?page=2; rel="next" """)]
    [InlineData("garbage")]
    [InlineData("")]
    public void FindNext_NoUsableNext_ReturnsNull(string header)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", header);

        Assert.Null(LinkHeader.FindNext(response.Headers, s_request));
    }

    [Fact]
    public void FindNext_NoHeader_ReturnsNull()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(LinkHeader.FindNext(response.Headers, s_request));
    }
}
