using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;
using CopilotIngest.Testing;

namespace CopilotIngest.LocalPort.Tests;

public sealed class BulkTests
{
    private const string Bulk = "/v1/blueprints/seats/entities/bulk?upsert=true&merge=true";
    private const string TooLarge = """{"ok":false,"error":"request_too_large","message":"Request body is too large (limit is 1MiB)"}""";

    [Fact]
    public async Task Upsert_AllValid_Returns200WithCreatedFlagsByIndex()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", Samples.Seat("b"));

        var (status, body) = await port.CallAsync(HttpMethod.Post, Bulk, Samples.Bulk(Samples.Seat("a"), Samples.Seat("b", 11), Samples.Seat("c")));

        Assert.Equal(200, status);
        Assert.Equal(
            """{"ok":true,"entities":[{"created":true,"identifier":"a","index":0},{"created":false,"identifier":"b","index":1},{"created":true,"identifier":"c","index":2}],"errors":[]}""",
            body.ToJsonString());
        Assert.Equal(3, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Upsert_OneEntityBreaksBlueprint_Returns207AndStoresTheOthers()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var example = JsonNode.Parse(ReferenceFiles.ReadText("port/bulk-response.example.json"))!.AsObject();

        var (status, body) = await port.CallAsync(HttpMethod.Post, Bulk,
            Samples.Bulk(Samples.Seat("a"), """{"identifier":"b","properties":{"total":"many"}}""", Samples.Seat("c")));

        Assert.Equal(207, status);
        Assert.Equal(Keys(example), Keys(body));
        Assert.Equal(Keys(example["entities"]![0]!.AsObject()), Keys(body["entities"]![0]!.AsObject()));
        Assert.Equal(Keys(example["errors"]![0]!.AsObject()), Keys(body["errors"]![0]!.AsObject()));
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Equal([0, 2], body["entities"]!.AsArray().Select(e => e!["index"]!.GetValue<int>()));
        var error = body["errors"]![0]!;
        Assert.Equal("b", error["identifier"]!.GetValue<string>());
        Assert.Equal(1, error["index"]!.GetValue<int>());
        Assert.Equal(422, error["statusCode"]!.GetValue<int>());
        Assert.Equal("blueprint_schema_mismatch", error["error"]!.GetValue<string>());
        Assert.Contains("properties/total", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Upsert_EveryEntityFails_Returns207WithOkFalse()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", Samples.Seat("a"));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk",
            Samples.Bulk(Samples.Seat("a"), """{"identifier":"b","properties":{}}"""));

        Assert.Equal(207, status);
        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Empty(body["entities"]!.AsArray());
        Assert.Equal(["identifier_taken", "blueprint_schema_mismatch"], body["errors"]!.AsArray().Select(e => e!["error"]!.GetValue<string>()));
        Assert.Equal(409, body["errors"]![0]!["statusCode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0, "must NOT have fewer than 1 items")]
    [InlineData(21, "must NOT have more than 20 items")]
    public async Task Upsert_WrongEntityCount_Returns422(int count, string expected)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, Bulk, Samples.Bulk([.. Enumerable.Range(0, count).Select(i => Samples.Seat($"o{i}"))]));

        PortAssert.Error(422, "bad_request", status, body, expected);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Theory]
    [InlineData("""{"entities":[{"identifier":"ok","properties":{"total":1}},{"identifier":"not ok","properties":{"total":1}}]}""", "body/entities/1/identifier")]
    [InlineData("""{"entities":[{"identifier":"ok","properties":{"total":1}},"text"]}""", "body/entities/1 must be object")]
    [InlineData("""{"entities":{"identifier":"ok"}}""", "body/entities must be array")]
    [InlineData("""{"items":[]}""", "'entities'")]
    [InlineData("""{"entities":[{"identifier":"ok","properties":{"total":1}}],"extra":true}""", "extra")]
    public async Task Upsert_BodyBreaksRouteSchema_Returns422AndStoresNothing(string json, string expected)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, Bulk, json);

        PortAssert.Error(422, "bad_request", status, body, expected);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Upsert_BodyOverOneMebibyte_Returns413InPortsWords()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var padding = new string('x', 1024 * 1024);

        var (status, body) = await port.CallAsync(HttpMethod.Post, Bulk, Samples.Bulk(Samples.Seat("a", 1, $",\"org\":\"{padding}\"")));

        Assert.Equal(413, status);
        Assert.Equal(TooLarge, body.ToJsonString());
    }

    [Fact]
    public async Task Upsert_ChunkedBodyOverOneMebibyte_Returns413()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var json = Samples.Bulk(Samples.Seat("a", 1, $",\"org\":\"{new string('x', 2 * 1024 * 1024)}\""));
        using var request = new HttpRequestMessage(HttpMethod.Post, Bulk.TrimStart('/')) { Content = new ChunkedJsonContent(Encoding.UTF8.GetBytes(json)) };

        using var response = await port.Client.SendAsync(request, TestPort.Ct);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(TooLarge, (await TestPort.ReadAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task Upsert_BodyOfExactlyOneMebibyte_IsRead()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var skeleton = Samples.Bulk(Samples.Seat("a", 1, ",\"breakdown\":{\"pad\":\"\"}"));
        var json = skeleton.Replace("\"pad\":\"\"", "\"pad\":\"" + new string('x', (1024 * 1024) - Encoding.UTF8.GetByteCount(skeleton)) + "\"", StringComparison.Ordinal);
        Assert.Equal(1024 * 1024, Encoding.UTF8.GetByteCount(json));

        var (status, _) = await port.CallAsync(HttpMethod.Post, Bulk, json);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Upsert_ConcurrentBulkCalls_AllStored()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var calls = Enumerable.Range(0, 8).Select(async batch =>
        {
            var entities = Enumerable.Range(0, 19).Select(i => Samples.Seat($"b{batch}-{i}", i)).Append(Samples.Seat("shared", batch));
            using var response = await port.SendAsync(HttpMethod.Post, Bulk, Samples.Bulk([.. entities]));
            return (int)response.StatusCode;
        });
        var statuses = await Task.WhenAll(calls);

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Equal((8 * 19) + 1, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Delete_ExistingAndUnknownIdentifiers_DeletesExistingOnes()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Bulk, Samples.Bulk([.. Enumerable.Range(0, 5).Select(i => Samples.Seat($"o{i}"))]));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/bulk/entities/delete?delete_dependents=false",
            """{"entities":["o1","o3","ghost","o4"]}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"ok":true,"deletedEntities":["o1","o3","o4"]}""", body.ToJsonString());
        Assert.Equal(2, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Theory]
    [InlineData(0, "must NOT have fewer than 1 items")]
    [InlineData(101, "must NOT have more than 100 items")]
    public async Task Delete_WrongIdentifierCount_Returns422(int count, string expected)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var ids = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)$"o{i}")]);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/bulk/entities/delete", new JsonObject { ["entities"] = ids }.ToJsonString());

        PortAssert.Error(422, "bad_request", status, body, expected);
    }

    [Fact]
    public async Task Delete_AnyTargetHasDependents_DeletesNothing()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities/bulk", Samples.Bulk("""{"identifier":"platform"}""", """{"identifier":"data"}""", """{"identifier":"web"}"""));
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities", """{"identifier":"adele","relations":{"home_team":"platform","teams":["web"]}}""");

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/bulk/entities/delete", """{"entities":["data","web"]}""");

        PortAssert.Error(422, "has_dependents", status, body, "adele");
        Assert.Equal(3, await port.Server.CountEntitiesAsync("team", TestPort.Ct));
    }

    private static IEnumerable<string> Keys(JsonObject value) => value.Select(p => p.Key).Order(StringComparer.Ordinal);
}
