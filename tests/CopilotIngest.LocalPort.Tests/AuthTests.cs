using System.Net.Http.Headers;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task AccessToken_RightCredentials_ReturnsBearerTokenForThreeHours()
    {
        await using var port = await TestPort.StartAsync();

        using var response = await port.SendAsync(HttpMethod.Post, "/v1/auth/access_token", """{"clientId":"test-client","clientSecret":"test-secret"}""", authorized: false);
        var body = await TestPort.ReadAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Equal("Bearer", body["tokenType"]!.GetValue<string>());
        Assert.Equal(10_800, body["expiresIn"]!.GetValue<long>());
        Assert.Equal(3, body["accessToken"]!.GetValue<string>().Split('.').Length);
    }

    [Fact]
    public async Task AccessToken_AskedTwiceWhileValid_ReturnsSameTokenWithLessTimeLeft()
    {
        await using var port = await TestPort.StartAsync();
        var first = await port.AuthorizeAsync();
        port.Time.Advance(TimeSpan.FromMinutes(10));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/auth/access_token", """{"clientId":"test-client","clientSecret":"test-secret"}""");

        Assert.Equal(200, status);
        Assert.Equal(first, body["accessToken"]!.GetValue<string>());
        Assert.Equal(10_800 - 600, body["expiresIn"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"clientId":"test-client","clientSecret":"s3cr3t-guess"}""")]
    [InlineData("""{"clientId":"someone-else","clientSecret":"test-secret"}""")]
    public async Task AccessToken_WrongCredentials_Returns401WithoutEchoingTheSecret(string json)
    {
        await using var port = await TestPort.StartAsync();

        using var response = await port.SendAsync(HttpMethod.Post, "/v1/auth/access_token", json, authorized: false);
        var body = await TestPort.ReadAsync(response);

        PortAssert.Error(401, "unauthorized", (int)response.StatusCode, body);
        Assert.DoesNotContain("s3cr3t-guess", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("test-secret", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"clientId":"test-client"}""", "clientSecret")]
    [InlineData("""{"clientId":1,"clientSecret":"x"}""", "clientId")]
    [InlineData("""{"clientId":"a","clientSecret":"b","extra":true}""", "extra")]
    public async Task AccessToken_BodyBreaksSchema_Returns422NamingTheField(string json, string field)
    {
        await using var port = await TestPort.StartAsync();

        using var response = await port.SendAsync(HttpMethod.Post, "/v1/auth/access_token", json, authorized: false);

        PortAssert.Error(422, "bad_request", (int)response.StatusCode, await TestPort.ReadAsync(response), field);
    }

    [Fact]
    public async Task ProtectedRoute_NoAuthorizationHeader_Returns401()
    {
        await using var port = await TestPort.StartAsync();

        using var response = await port.SendAsync(HttpMethod.Get, "/v1/blueprints", authorized: false);

        PortAssert.Error(401, "unauthorized", (int)response.StatusCode, await TestPort.ReadAsync(response), "Authorization");
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task ProtectedRoute_BadToken_Returns401(string header)
    {
        await using var port = await TestPort.StartAsync();
        port.Client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(header);

        var (status, body) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        PortAssert.Error(401, "unauthorized", status, body);
    }

    [Fact]
    public async Task ProtectedRoute_TokenSignedByAnotherServer_Returns401()
    {
        await using var port = await TestPort.StartAsync();
        await using var other = await TestPort.StartAsync();
        port.Client.DefaultRequestHeaders.Authorization = other.Client.DefaultRequestHeaders.Authorization;

        var (status, body) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        PortAssert.Error(401, "unauthorized", status, body);
    }

    [Fact]
    public async Task ProtectedRoute_TokenExpired_Returns401AndANewTokenWorks()
    {
        await using var port = await TestPort.StartAsync();
        var old = port.Client.DefaultRequestHeaders.Authorization!.Parameter;
        port.Time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(2));
        Assert.Equal(200, (await port.CallAsync(HttpMethod.Get, "/v1/blueprints")).Status);

        port.Time.Advance(TimeSpan.FromSeconds(3));
        var (expiredStatus, expiredBody) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");
        var renewed = await port.AuthorizeAsync();
        var (status, _) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        PortAssert.Error(401, "unauthorized", expiredStatus, expiredBody, "expired");
        Assert.NotEqual(old, renewed);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task ProtectedRoute_TokenFromBeforeRestart_StillAccepted()
    {
        await using var port = await TestPort.StartAsync();
        var header = port.Client.DefaultRequestHeaders.Authorization;

        await port.RestartAsync();
        port.Client.DefaultRequestHeaders.Authorization = header;
        var (status, _) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        Assert.Equal(200, status);
    }
}
