using System.Net;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Http;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

public sealed class PortClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(FakePort Port, ServiceProvider Services, PortClient Client)> StartAsync(
        Func<Microsoft.AspNetCore.Http.HttpContext, RecordedRequest, Task> api,
        Action<PortOptions>? tune = null)
    {
        var port = await FakePort.StartAsync(api);
        var services = PortServices.Create(port.BaseAddress, tune);
        return (port, services, services.GetRequiredService<PortClient>());
    }

    [Fact]
    public async Task GetBlueprintAsync_Exists_ReturnsTheBlueprint()
    {
        var (port, services, client) = await StartAsync((context, _) =>
            Respond.Json(context, 200, """{"ok":true,"blueprint":{"identifier":"bp","title":"BP","schema":{"properties":{}},"createdAt":"2026-01-01T00:00:00.000Z"}}"""));
        await using var _ = port;
        await using var __ = services;

        var blueprint = await client.GetBlueprintAsync("bp", Ct);

        Assert.Equal("BP", blueprint!["title"]!.GetValue<string>());
        Assert.Equal("GET", port.Requests.Single().Method);
        Assert.Equal("/v1/blueprints/bp", port.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task GetBlueprintAsync_404_ReturnsNull()
    {
        var (port, services, client) = await StartAsync((context, _) => Respond.Error(context, 404, "not_found", "Blueprint not found"));
        await using var _ = port;
        await using var __ = services;

        Assert.Null(await client.GetBlueprintAsync("missing", Ct));
    }

    [Theory]
    [InlineData(403, "forbidden", "You are not allowed", "Port refused updating blueprint bp (403 Forbidden): You are not allowed. The credential in PORT_CLIENT_ID lacks permission")]
    [InlineData(404, "not_found", "Blueprint with identifier \"bp\" was not found", "Blueprint bp does not exist in Port: run `copilot-ingest setup` first.")]
    [InlineData(422, "invalid_request", "schema/properties/x/type must be equal to one of the allowed values", "Port rejected updating blueprint bp as invalid (422): schema/properties/x/type must be equal to one of the allowed values.")]
    [InlineData(409, "conflict", "Identifier already exists", "Port answered 409 Conflict to updating blueprint bp: Identifier already exists.")]
    public async Task PatchBlueprintAsync_ErrorStatus_ThrowsMessageWithPortsTextAndTraceId(int status, string error, string message, string expected)
    {
        var (port, services, client) = await StartAsync((context, _) => Respond.Error(context, status, error, message, ("X-Trace-Id", "trace-abc")));
        await using var _ = port;
        await using var __ = services;

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.PatchBlueprintAsync("bp", new JsonObject { ["title"] = "x" }, Ct));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("Port", ex.Service);
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Trace id: trace-abc.", ex.Message, StringComparison.Ordinal);
        Assert.Single(port.Requests);
    }

    [Fact]
    public async Task UpsertEntityAsync_404ForMissingRelatedEntity_KeepsPortsMessage()
    {
        var (port, services, client) = await StartAsync((context, _) =>
            Respond.Error(context, 404, "not_found", "Entity with identifier \"acme\" of blueprint \"githubOrg\" was not found"));
        await using var _ = port;
        await using var __ = services;

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.UpsertEntityAsync("bp", Fakes.TestEntities.Entity("acme@1"), Ct));

        Assert.Contains("Entity with identifier \"acme\" of blueprint \"githubOrg\" was not found", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("copilot-ingest setup", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlueprintAsync_HtmlErrorPage_SaysSoInsteadOfDumpingIt()
    {
        var (port, services, client) = await StartAsync((context, _) => Respond.Json(context, 502, "<html><body>Bad Gateway</body></html>"), o => o.MaxRetryAttempts = 1);
        await using var _ = port;
        await using var __ = services;

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetBlueprintAsync("bp", Ct));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"ok\":true}")]
    [InlineData("{\"ok\":true,\"blueprint\":null}")]
    [InlineData("{\"ok\":true,\"blueprint\":[]}")]
    [InlineData("{\"ok\":tru")]
    public async Task GetBlueprintAsync_MalformedAnswer_ThrowsApiException(string body)
    {
        var (port, services, client) = await StartAsync((context, _) => Respond.Json(context, 200, body));
        await using var _ = port;
        await using var __ = services;

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetBlueprintAsync("bp", Ct));

        Assert.Contains("reading blueprint bp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not the JSON expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlueprintAsync_OversizedAnswer_ThrowsApiException()
    {
        var big = "{\"ok\":true,\"blueprint\":{\"title\":\"" + new string('x', 10_000) + "\"}}";
        var (port, services, client) = await StartAsync((context, _) => Respond.Json(context, 200, big), o => o.MaxResponseBytes = 4096);
        await using var _ = port;
        await using var __ = services;

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetBlueprintAsync("bp", Ct));

        Assert.Contains("larger than this client reads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlueprintAsync_NothingListening_ThrowsUnreachable()
    {
        Uri address;
        await using (var stopped = await FakePort.StartAsync((context, _) => Respond.Json(context, 200, "{}")))
        {
            address = stopped.BaseAddress;
        }

        await using var services = PortServices.Create(address, o => o.MaxRetryAttempts = 1);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct));

        Assert.Null(ex.StatusCode);
        Assert.Contains("Could not reach Port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PORT_BASE_URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBlueprintAsync_Created_PostsTheBodyAndReturnsPortsCopy()
    {
        var (port, services, client) = await StartAsync((context, request) =>
            Respond.Json(context, 201, new JsonObject { ["ok"] = true, ["blueprint"] = Bodies.Object(request) }));
        await using var _ = port;
        await using var __ = services;

        var created = await client.CreateBlueprintAsync(new JsonObject { ["identifier"] = "bp", ["title"] = "BP", ["schema"] = new JsonObject() }, Ct);

        Assert.Equal("bp", created["identifier"]!.GetValue<string>());
        Assert.Equal("POST", port.Requests.Single().Method);
        Assert.Equal("/v1/blueprints", port.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task PagesAndScorecards_UseTheirRoutes()
    {
        var (port, services, client) = await StartAsync((context, request) => request switch
        {
            { Method: "GET" } => Respond.Json(context, 200, """{"ok":true,"page":{"identifier":"copilot_dashboard","widgets":[]}}"""),
            { PathAndQuery: "/v1/blueprints/bp" } => Respond.Json(context, 200, """{"ok":true,"blueprint":{"identifier":"bp"}}"""),
            _ => Respond.Json(context, 200, """{"ok":true}"""),
        });
        await using var _ = port;
        await using var __ = services;

        var page = await client.GetPageAsync("copilot_dashboard", Ct);
        await client.CreatePageAsync(new JsonObject { ["identifier"] = "copilot_dashboard" }, Ct);
        await client.PutPageAsync("copilot_dashboard", new JsonObject { ["identifier"] = "copilot_dashboard" }, Ct);
        await client.PutScorecardsAsync("github_copilot_usage", [new JsonObject { ["identifier"] = "adoption" }], Ct);
        await client.PutBlueprintAsync("bp", new JsonObject { ["identifier"] = "bp" }, Ct);

        Assert.Equal("copilot_dashboard", page!["identifier"]!.GetValue<string>());
        Assert.Equal(
            ["GET /v1/pages/copilot_dashboard", "POST /v1/pages", "PUT /v1/pages/copilot_dashboard", "PUT /v1/blueprints/github_copilot_usage/scorecards", "PUT /v1/blueprints/bp"],
            port.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
    }

    [Fact]
    public async Task GetBlueprintAsync_IdentifierWithSlash_IsEscapedInThePath()
    {
        var (port, services, client) = await StartAsync((context, _) => Respond.Error(context, 404, "not_found", "nope"));
        await using var _ = port;
        await using var __ = services;

        await client.GetBlueprintAsync("a/b", Ct);

        Assert.Equal("/v1/blueprints/a%2Fb", port.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task BulkDeleteAsync_MoreThan100_IsRefusedBeforeSending()
    {
        var (port, services, client) = await StartAsync((context, _) => Respond.Json(context, 200, "{}"));
        await using var _ = port;
        await using var __ = services;

        await Assert.ThrowsAsync<ArgumentException>(() => client.BulkDeleteAsync("bp", [.. Enumerable.Range(0, 101).Select(i => $"e{i}")], Ct));
        Assert.Empty(port.Requests);
    }
}
