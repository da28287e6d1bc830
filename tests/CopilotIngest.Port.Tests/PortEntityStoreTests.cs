using System.Text.Json.Nodes;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

public sealed class PortEntityStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Entity(string identifier) => new() { ["identifier"] = identifier };

    [Fact]
    public async Task ListIdentifiersAsync_ThreePages_FollowsNextUntilTheEnd()
    {
        await using var port = await FakePort.StartAsync((context, request) =>
            Bodies.Object(request)["from"]?.GetValue<string>() switch
            {
                null => Respond.Search(context, [Entity("a1"), Entity("a2")], "cursor-2"),
                "cursor-2" => Respond.Search(context, [Entity("a3")], "cursor-3"),
                "cursor-3" => Respond.Search(context, [Entity("a4")]),
                _ => Respond.Error(context, 400, "bad_cursor", "unknown cursor"),
            });
        await using var services = PortServices.Create(port.BaseAddress);
        var store = services.GetRequiredService<IEntityStore>();

        var ids = await store.ListIdentifiersAsync("github_copilot_seats", null, Ct).ToListAsync(Ct);

        Assert.Equal(["a1", "a2", "a3", "a4"], ids);
        Assert.Equal(3, port.Requests.Count);
        Assert.All(port.Requests, r =>
        {
            Assert.Equal("/v1/blueprints/github_copilot_seats/entities/search", r.PathAndQuery);
            var body = Bodies.Object(r);
            Assert.Equal(1000, body["limit"]!.GetValue<int>());
            Assert.Equal(["$identifier"], body["include"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Empty(body["query"]!["rules"]!.AsArray());
        });
    }

    [Fact]
    public async Task ListIdentifiersAsync_Prefix_FiltersWithBeginsWith()
    {
        await using var port = await FakePort.StartAsync((context, _) => Respond.Search(context, [Entity("acme@2026-11-01")]));
        await using var services = PortServices.Create(port.BaseAddress);

        var ids = await services.GetRequiredService<IEntityStore>().ListIdentifiersAsync("github_copilot_usage", "acme@", Ct).ToListAsync(Ct);

        Assert.Equal(["acme@2026-11-01"], ids);
        var rule = Bodies.Object(port.Requests.Single())["query"]!["rules"]![0]!;
        Assert.Equal("$identifier", rule["property"]!.GetValue<string>());
        Assert.Equal("beginsWith", rule["operator"]!.GetValue<string>());
        Assert.Equal("acme@", rule["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListIdentifiersAsync_SameCursorTwice_StopsWithApiException()
    {
        await using var port = await FakePort.StartAsync((context, _) => Respond.Search(context, [Entity("a1")], "same"));
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(async () =>
            await services.GetRequiredService<IEntityStore>().ListIdentifiersAsync("bp", null, Ct).ToListAsync(Ct));

        Assert.Contains("same page cursor", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ok\":true}")]
    [InlineData("{\"ok\":true,\"entities\":[null]}")]
    [InlineData("{\"ok\":true,\"entities\":[{\"title\":\"no identifier\"}]}")]
    [InlineData("{\"ok\":true,\"entities\":[{\"identifier\":7}]}")]
    [InlineData("{\"ok\":true,\"entities\":{}}")]
    [InlineData("{\"ok\":true,\"entities\":[],\"next\":5}")]
    [InlineData("")]
    [InlineData("{")]
    public async Task ListIdentifiersAsync_MalformedPage_ThrowsApiException(string body)
    {
        await using var port = await FakePort.StartAsync((context, _) => Respond.Json(context, 200, body));
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(async () =>
            await services.GetRequiredService<IEntityStore>().ListIdentifiersAsync("bp", null, Ct).ToListAsync(Ct));

        Assert.Equal("Port", ex.Service);
    }

    [Fact]
    public async Task DeleteAsync_250Identifiers_DeletesInChunksOf100WithoutDependents()
    {
        await using var port = await FakePort.StartAsync((context, request) =>
        {
            var ids = Bodies.Object(request)["entities"]!.AsArray();
            return Respond.Json(context, 200, new JsonObject { ["ok"] = true, ["deletedEntities"] = ids.DeepClone() });
        });
        await using var services = PortServices.Create(port.BaseAddress);
        var ids = Enumerable.Range(0, 250).Select(i => $"seat@{i:D3}").ToList();

        var deleted = await services.GetRequiredService<IEntityStore>().DeleteAsync("github_copilot_seats", ids, Ct);

        Assert.Equal(ids, deleted);
        Assert.Equal([100, 100, 50], port.Requests.Select(r => Bodies.Object(r)["entities"]!.AsArray().Count));
        Assert.All(port.Requests, r => Assert.Equal("/v1/blueprints/github_copilot_seats/bulk/entities/delete?delete_dependents=false", r.PathAndQuery));
    }

    [Fact]
    public async Task DeleteAsync_PortDeletesPart_ReturnsWhatPortReported()
    {
        await using var port = await FakePort.StartAsync((context, _) => Respond.Json(context, 200, """{"ok":true,"deletedEntities":["a"]}"""));
        await using var services = PortServices.Create(port.BaseAddress);

        var deleted = await services.GetRequiredService<IEntityStore>().DeleteAsync("bp", ["a", "b"], Ct);

        Assert.Equal(["a"], deleted);
    }

    [Fact]
    public async Task DeleteAsync_Nothing_CallsNothing()
    {
        await using var port = await FakePort.StartAsync((context, _) => Respond.Json(context, 500, "{}"));
        await using var services = PortServices.Create(port.BaseAddress);

        var deleted = await services.GetRequiredService<IEntityStore>().DeleteAsync("bp", [], Ct);

        Assert.Empty(deleted);
        Assert.Empty(port.Requests);
    }

    [Fact]
    public async Task DeleteAsync_DependentsExist_ThrowsPortsMessage()
    {
        await using var port = await FakePort.StartAsync((context, _) =>
            Respond.Error(context, 422, "has_dependents", "Entity seat@1 has dependent entities"));
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<IEntityStore>().DeleteAsync("bp", ["seat@1"], Ct));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Contains("has dependent entities", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ok\":true}")]
    [InlineData("{\"ok\":true,\"deletedEntities\":\"a\"}")]
    [InlineData("not json")]
    public async Task DeleteAsync_MalformedAnswer_ThrowsApiException(string body)
    {
        await using var port = await FakePort.StartAsync((context, _) => Respond.Json(context, 200, body));
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<IEntityStore>().DeleteAsync("bp", ["a"], Ct));

        Assert.Contains("not the JSON expected", ex.Message, StringComparison.Ordinal);
    }
}
