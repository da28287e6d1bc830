using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.Port.Tests;

public sealed class PortTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task ReturnBlueprint(Microsoft.AspNetCore.Http.HttpContext context, RecordedRequest request) =>
        Respond.Json(context, 200, """{"ok":true,"blueprint":{"identifier":"bp","title":"BP","schema":{"properties":{}}}}""");

    [Fact]
    public async Task GetBlueprint_TwoCalls_RequestsOneTokenAndSendsTypeAndToken()
    {
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.TokenType = "Bearer";
        await using var services = PortServices.Create(port.BaseAddress);
        var client = services.GetRequiredService<PortClient>();

        await client.GetBlueprintAsync("bp", Ct);
        await client.GetBlueprintAsync("bp", Ct);

        Assert.Equal(1, port.TokenRequests);
        Assert.All(port.Requests, r => Assert.Equal("Bearer tok-1", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task TokenRequest_Body_CarriesClientIdAndSecret()
    {
        RecordedRequest? tokenRequest = null;
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.TokenHandler = async (context, request) =>
        {
            tokenRequest = request;
            await Respond.Json(context, 200, """{"ok":true,"accessToken":"abc","expiresIn":10800,"tokenType":"Custom"}""");
        };
        await using var services = PortServices.Create(port.BaseAddress);

        await services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct);

        var body = Bodies.Object(tokenRequest!);
        Assert.Equal(FakePort.ClientId, body["clientId"]!.GetValue<string>());
        Assert.Equal(FakePort.ClientSecret, body["clientSecret"]!.GetValue<string>());
        Assert.Equal("Custom abc", port.Requests.Single().Headers["Authorization"]);
    }

    [Theory]
    [InlineData(10800, 10500)] // Port's 3-hour token: refreshed five minutes before it expires
    [InlineData(120, 60)] // a short-lived token: kept for half its life
    public async Task GetBlueprint_TokenLifetime_RefreshedOnlyOnceDue(double expiresIn, int dueAfterSeconds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.ExpiresIn = expiresIn;
        await using var services = PortServices.Create(port.BaseAddress, timeProvider: time);
        var client = services.GetRequiredService<PortClient>();

        await client.GetBlueprintAsync("bp", Ct);
        time.Advance(TimeSpan.FromSeconds(dueAfterSeconds - 1));
        await client.GetBlueprintAsync("bp", Ct);
        Assert.Equal(1, port.TokenRequests);

        time.Advance(TimeSpan.FromSeconds(2));
        await client.GetBlueprintAsync("bp", Ct);

        Assert.Equal(2, port.TokenRequests);
        Assert.Equal("Bearer tok-2", port.Requests[^1].Headers["Authorization"]);
    }

    [Fact]
    public async Task GetBlueprint_401Once_RefreshesTokenAndRetriesOnce()
    {
        var calls = 0;
        await using var port = await FakePort.StartAsync(async (context, request) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Respond.Error(context, 401, "unauthorized", "token expired");
                return;
            }

            await ReturnBlueprint(context, request);
        });
        await using var services = PortServices.Create(port.BaseAddress);

        var blueprint = await services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct);

        Assert.NotNull(blueprint);
        Assert.Equal(2, port.TokenRequests);
        Assert.Equal(["Bearer tok-1", "Bearer tok-2"], port.Requests.Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task BulkUpsert_401Once_ResendsTheSameBodyWithTheNewToken()
    {
        var calls = 0;
        await using var port = await FakePort.StartAsync(async (context, request) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Respond.Error(context, 401, "unauthorized", "token expired");
                return;
            }

            await Respond.BulkOk(context, request);
        });
        await using var services = PortServices.Create(port.BaseAddress);

        var result = await services.GetRequiredService<PortClient>().BulkUpsertAsync(TestEntities.Blueprint, TestEntities.Many(3), Ct);

        Assert.Equal(3, result.Entities.Count);
        Assert.Equal(2, port.Requests.Count);
        Assert.Equal(port.Requests[0].Body, port.Requests[1].Body);
        Assert.Equal(3, Bodies.Entities(port.Requests[1]).Count);
        Assert.Equal("Bearer tok-2", port.Requests[1].Headers["Authorization"]);
    }

    [Fact]
    public async Task GetBlueprint_401AfterRefresh_ThrowsCredentialsMessage()
    {
        var logs = new CapturingLoggerProvider();
        await using var port = await FakePort.StartAsync((context, _) => Respond.Error(context, 401, "unauthorized", "bad token", ("X-Trace-Id", "trace-401")));
        await using var services = PortServices.Create(port.BaseAddress, logs: logs);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.StartsWith("Port rejected PORT_CLIENT_ID/PORT_CLIENT_SECRET (401). Check the credentials and the region (PORT_BASE_URL).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("trace-401", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, port.Requests.Count);
        Assert.Equal(2, port.TokenRequests);
        AssertNoSecrets(ex, logs);
    }

    [Fact]
    public async Task TokenEndpoint_401_ThrowsCredentialsMessageWithoutSecret()
    {
        var logs = new CapturingLoggerProvider();
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.TokenHandler = (context, _) => Respond.Error(context, 401, "invalid_credentials", "Invalid client credentials");
        await using var services = PortServices.Create(port.BaseAddress, logs: logs);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct));

        Assert.Equal("Port", ex.Service);
        Assert.StartsWith(Http.PortErrors.CredentialsRejected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(port.Requests);
        AssertNoSecrets(ex, logs);
    }

    [Fact]
    public async Task TokenEndpoint_404_PointsAtBaseUrl()
    {
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.TokenHandler = (context, _) => Respond.Error(context, 404, "not_found", "Route not found");
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct));

        Assert.Contains("PORT_BASE_URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("v1/auth/access_token", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"ok\":true,\"accessToken\":\"abc\"")]
    [InlineData("{\"ok\":true,\"expiresIn\":10800}")]
    [InlineData("{\"ok\":true,\"accessToken\":5,\"expiresIn\":10800}")]
    [InlineData("{\"ok\":true,\"accessToken\":\"abc\",\"expiresIn\":0}")]
    [InlineData("{\"ok\":true,\"accessToken\":null,\"expiresIn\":10800}")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task TokenEndpoint_MalformedAnswer_ThrowsApiException(string body)
    {
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.TokenHandler = (context, _) => Respond.Json(context, 200, body);
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct));

        Assert.Contains("not the JSON expected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("access token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenEndpoint_503ThenOk_IsRetried()
    {
        var attempts = 0;
        await using var port = await FakePort.StartAsync(ReturnBlueprint);
        port.TokenHandler = async (context, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Respond.Error(context, 503, "unavailable", "try later");
                return;
            }

            await Respond.Json(context, 200, """{"ok":true,"accessToken":"abc","expiresIn":10800,"tokenType":"Bearer"}""");
        };
        await using var services = PortServices.Create(port.BaseAddress);

        await services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct);

        Assert.Equal(2, attempts);
        Assert.Equal("Bearer abc", port.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public void TokenRequestAndToken_ToString_NeverShowSecrets()
    {
        var request = new Http.TokenRequest(FakePort.ClientId, FakePort.ClientSecret);
        var token = new Http.PortAccessToken("Bearer", "tok-1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain(FakePort.ClientSecret, request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok-1", token.ToString(), StringComparison.Ordinal);
    }

    private static void AssertNoSecrets(Exception ex, CapturingLoggerProvider logs)
    {
        Assert.DoesNotContain(FakePort.ClientSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok-1", ex.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line =>
        {
            Assert.DoesNotContain(FakePort.ClientSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain("tok-1", line, StringComparison.Ordinal);
            Assert.DoesNotContain("tok-2", line, StringComparison.Ordinal);
        });
    }
}
