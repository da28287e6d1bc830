using System.Net.Http.Headers;
using System.Text;
using CopilotIngest.M365.Auth;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Tests.Graph;

public sealed class SmallPartsTests
{
    [Fact]
    public async Task LimitedReadStream_MoreThanTheLimit_ThrowsFormatError()
    {
        await using var stream = new LimitedReadStream(new MemoryStream(new byte[3 * 1024 * 1024]), 2 * 1024 * 1024, "The answer");

        var error = await Assert.ThrowsAsync<ReportFormatException>(() => stream.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("larger than 2 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitedReadStream_WithinTheLimit_ReadsEverything()
    {
        await using var stream = new LimitedReadStream(new MemoryStream(new byte[1000]), 1000, "The answer");
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);

        Assert.Equal(1000, copy.Length);
    }

    [Fact]
    public void ClaimsChallenge_ContinuousAccessEvaluation_DecodesClaims()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        var claims = """{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}""";
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", $"realm=\"\", error=\"insufficient_claims\", claims=\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(claims))}\""));

        Assert.Equal(claims, GraphAuthHandler.ClaimsChallenge(response.Headers.WwwAuthenticate));
    }

    [Fact]
    public void ClaimsChallenge_PlainBearerChallenge_Null()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"\", error=\"invalid_token\""));

        Assert.Null(GraphAuthHandler.ClaimsChallenge(response.Headers.WwwAuthenticate));
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/", "https://graph.microsoft.com/.default")]
    [InlineData("https://graph.microsoft.us/", "https://graph.microsoft.us/.default")]
    [InlineData("https://127.0.0.1:5001/", "https://127.0.0.1:5001/.default")]
    public void ScopeFor_GraphRoot_DotDefault(string graph, string scope)
    {
        Assert.Equal(scope, GraphTokenSource.ScopeFor(new Uri(graph)));
    }

    [Fact]
    public void Scrub_SecretsEchoedBack_Removed()
    {
        var options = new CopilotIngest.M365.Configuration.M365Options { ClientSecret = "abc123secret", GitHubOidcRequestToken = "gh-request-token" };

        Assert.Equal("bad *** and ***", TokenErrors.Scrub("bad abc123secret and gh-request-token", options));
    }
}
