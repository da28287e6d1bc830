using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Auth;
using CopilotIngest.M365.Configuration;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.M365.Tests.Auth;

/// <summary>The GitHub Actions OIDC client against scripted answers.</summary>
public sealed class GitHubActionsAssertionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static M365Harness Harness(ScriptedServer server, Action<M365TransportOptions>? tune = null) => M365Harness.Create(
        new Dictionary<string, string?>
        {
            [M365Settings.TenantId] = "contoso.onmicrosoft.com",
            [M365Settings.ClientId] = "11111111-2222-3333-4444-555555555555",
            [M365Settings.ActionsTokenRequestUrl] = new Uri(server.BaseAddress, "token?api-version=2.0").ToString(),
            [M365Settings.ActionsTokenRequestToken] = "request-token",
        },
        tune: tune);

    [Fact]
    public async Task GetAssertionAsync_Success_ReturnsTheJobToken()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => context.Response.WriteAsync("""{"count":1,"value":"header.payload.signature"}"""));
        await using var harness = Harness(server);

        Assert.Equal("header.payload.signature", await harness.Get<GitHubActionsAssertion>().GetAssertionAsync(Ct));
        Assert.Equal("Bearer request-token", Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Theory]
    [InlineData(401, "id-token: write")]
    [InlineData(403, "id-token: write")]
    [InlineData(404, "id-token: write")]
    [InlineData(422, "id-token: write")]
    [InlineData(429, "run the job again")]
    [InlineData(500, "run the job again")]
    public async Task GetAssertionAsync_ErrorStatus_ExplainsWithoutTheRequestToken(int status, string hint)
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = "0";
            return Task.CompletedTask;
        });
        await using var harness = Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => harness.Get<GitHubActionsAssertion>().GetAssertionAsync(Ct));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("request-token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"value":""}""")]
    [InlineData("""{"value":42}""")]
    public async Task GetAssertionAsync_UnexpectedBody_Explains(string body)
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => context.Response.WriteAsync(body));
        await using var harness = Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => harness.Get<GitHubActionsAssertion>().GetAssertionAsync(Ct));

        Assert.Contains("GitHub Actions answered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAssertionAsync_DroppedOrTooSlow_CouldNotReach()
    {
        var calls = 0;
        await using var server = await ScriptedServer.StartAsync(async (context, request) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ScriptedServer.Drop(context);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var harness = Harness(server, t =>
        {
            t.AttemptTimeout = TimeSpan.FromMilliseconds(250);
            t.MaxRetryAttempts = 1;
        });

        var error = await Assert.ThrowsAsync<ApiException>(() => harness.Get<GitHubActionsAssertion>().GetAssertionAsync(Ct));

        Assert.StartsWith("Could not reach ACTIONS_ID_TOKEN_REQUEST_URL", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }
}
