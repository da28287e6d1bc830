using System.Net;
using System.Text;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.GitHub.Tests.Client;

/// <summary>Answers the simulated GitHub never gives: broken paging, odd bodies, oversized pages, SSO and redirects.</summary>
public sealed class GitHubClientScriptedTests
{
    private const string SeatsPath = "/orgs/acme/copilot/billing/seats";
    private const string OneSeat = """{"total_seats": 1, "seats": [{"created_at": "2026-01-01T00:00:00Z", "assignee": {"login": "mona", "id": 1}}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSeatPagesAsync_SendsHeadersAndTokenOnEveryRequest()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, OneSeat));
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        await provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token);

        var request = Assert.Single(server.Requests);
        Assert.Equal($"{SeatsPath}?per_page=100", request.PathAndQuery);
        Assert.Equal("Bearer ghp_scripted", request.Headers["Authorization"]);
        Assert.Equal("application/vnd.github+json", request.Headers["Accept"]);
        Assert.Equal("2026-03-10", request.Headers["X-GitHub-Api-Version"]);
        Assert.StartsWith("copilot-ingest/", request.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeatPagesAsync_NextLinkToAnotherHost_StopsWithoutSendingTheToken()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.Headers["Link"] = "<https://collector.example.net/steal?page=2>; rel=\"next\"";
            return JsonAsync(context, 200, OneSeat);
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token).AsTask());

        Assert.Contains("collector.example.net", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the token is not sent there", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetSeatPagesAsync_NextLinkLoopsBack_StopsInsteadOfCountingTwice()
    {
        await using var server = await ScriptedServer.StartAsync((context, request) =>
        {
            var next = request.PathAndQuery.EndsWith("page=2", StringComparison.Ordinal) ? "page=1" : "page=2";
            context.Response.Headers["Link"] = $"<{context.Request.Scheme}://{context.Request.Host}{SeatsPath}?per_page=100&{next}>; rel=\"next\"";
            return JsonAsync(context, 200, OneSeat);
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token).AsTask());

        Assert.Contains("leads back to a page already read", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task GetSeatPagesAsync_EmptyPageWithNextLink_EndsTheListing()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.Headers["Link"] = $"<{context.Request.Scheme}://{context.Request.Host}{SeatsPath}?page=2>; rel=\"next\"";
            return JsonAsync(context, 200, """{"total_seats": 0, "seats": []}""");
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var seats = await provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token);

        Assert.Empty(seats);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("{\"total_seats\": 1, \"seats\": [", "not the expected JSON")]
    [InlineData("", "empty response")]
    [InlineData("<!DOCTYPE html><html>proxy login</html>", "HTML page")]
    [InlineData("{\"total_seats\": 1, \"seats\": [{\"assignee\": {\"login\": 42}}]}", "not the expected JSON")]
    public async Task GetSeatPagesAsync_BadBodyOverHttp_ThrowsNamingThePath(string body, string expected)
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, body));
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token).AsTask());

        Assert.Contains(SeatsPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetSeatPagesAsync_BodyOverTheLimit_IsRefusedWithoutRetry(bool withContentLength)
    {
        var huge = "{\"total_seats\": 1, \"seats\": [], \"padding\": \"" + new string('x', 200_000) + "\"}";
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            var bytes = Encoding.UTF8.GetBytes(huge);
            context.Response.ContentType = "application/json";
            if (withContentLength)
            {
                context.Response.ContentLength = bytes.Length;
            }

            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted", tune: o => o.MaxResponseBytes = 64 * 1024);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token).AsTask());

        Assert.Contains("larger than 65536 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SeatsPath, ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetSeatPagesAsync_HugePageWithinTheLimit_IsRead()
    {
        var builder = new StringBuilder("""{"total_seats": 5000, "seats": [""");
        for (var i = 0; i < 5000; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append("{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{\"login\":\"u").Append(i).Append("\",\"id\":").Append(i).Append("}}");
        }

        var body = builder.Append("]}").ToString();
        await using var server = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, body));
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var seats = await provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token);

        Assert.Equal(5000, seats.Count);
    }

    [Fact]
    public async Task GetSeatPagesAsync_SamlEnforced403_SaysToAuthorizeTheTokenForSso()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-GitHub-SSO"] = "required; url=https://github.com/orgs/acme/sso?authorization_request=abc";
            return JsonAsync(context, 403, """{"message": "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization."}""");
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token).AsTask());

        Assert.Contains("SAML single sign-on", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Configure SSO", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("authorization_request", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetSeatPagesAsync_Redirect_IsNotFollowedAndIsExplained()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "https://api.github.com/orgs/acme-renamed/copilot/billing/seats";
            return Task.CompletedTask;
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("acme", Token).ToListAsync(Token).AsTask());

        Assert.Equal(HttpStatusCode.MovedPermanently, ex.StatusCode);
        Assert.Contains("acme-renamed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_ORGS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrganizationBillingAsync_ForbiddenWithoutBody_StillNamesTheFix()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        using var provider = GitHubTestHost.Create(server.BaseAddress, "ghp_scripted");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationBillingAsync("acme", Token));

        Assert.Contains("the Copilot billing settings of organization 'acme' (403)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("manage_billing:copilot or read:org", ex.Message, StringComparison.Ordinal);
    }

    private static async Task JsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
