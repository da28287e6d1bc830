using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;
using CopilotIngest.Testing;

namespace CopilotIngest.LocalPort.Tests;

public sealed class BlueprintTests
{
    [Fact]
    public async Task Create_ValidBlueprint_Returns201WithStoredBlueprintAndDefaults()
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", Samples.SeatsBlueprint);
        var (getStatus, got) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats");

        Assert.Equal(201, status);
        Assert.True(body["ok"]!.GetValue<bool>());
        var blueprint = body["blueprint"]!.AsObject();
        Assert.Equal("seats", blueprint["identifier"]!.GetValue<string>());
        Assert.Equal("date-time", blueprint["schema"]!["properties"]!["snapshot_date"]!["format"]!.GetValue<string>());
        Assert.Equal("2026-11-25T10:00:00.000Z", blueprint["createdAt"]!.GetValue<string>());
        Assert.NotNull(blueprint["calculationProperties"]);
        Assert.Equal(200, getStatus);
        Assert.True(JsonNode.DeepEquals(blueprint, got["blueprint"]));
    }

    [Fact]
    public async Task Create_SameIdentifierTwice_Returns409IdentifierTaken()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", Samples.SeatsBlueprint);

        PortAssert.Error(409, "identifier_taken", status, body, "seats");
    }

    [Theory]
    [InlineData("""{"identifier":"has space","title":"T","schema":{"properties":{}}}""", "body/identifier")]
    [InlineData("""{"identifier":"..","title":"T","schema":{"properties":{}}}""", "body/identifier")]
    [InlineData("""{"title":"T","schema":{"properties":{}}}""", "'identifier'")]
    [InlineData("""{"identifier":"x","schema":{"properties":{}}}""", "'title'")]
    [InlineData("""{"identifier":"x","title":"T"}""", "'schema'")]
    [InlineData("""{"identifier":"x","title":"T","schema":{}}""", "'properties'")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{},"additional":1}}""", "additional")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"n":{"type":"integer"}}}}""", "body/schema/properties/n/type")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"n":{"title":"no type"}}}}""", "'type'")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"n":{"type":"string","format":"datetime"}}}}""", "body/schema/properties/n/format")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"bad name":{"type":"string"}}}}""", "bad name")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"n":{"type":"string","enum":[1,2]}}}}""", "enum/0")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"n":{"type":"string","pattern":"(["}}}}""", "pattern")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"n":{"type":"string"}},"required":["m"]}}""", "'m'")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{}},"relations":{"r":{"target":"nowhere","required":false,"many":false}}}""", "nowhere")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{}},"relations":{"r":{"target":"x","many":false}}}""", "'required'")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{"r":{"type":"string"}}},"relations":{"r":{"target":"x","required":false,"many":false}}}""", "already used")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{}},"calculationProperties":{"c":{"type":"number"}}}""", "'calculation'")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{}},"mirrorProperties":{"m":{"path":"nope.title"}}}""", "mirrorProperties/m/path")]
    [InlineData("""{"identifier":"x","title":"T","schema":{"properties":{}},"aggregationProperties":{"a":{"title":"A","target":"nowhere","calculationSpec":{"func":"count","calculationBy":"entities"}}}}""", "nowhere")]
    public async Task Create_BlueprintBreaksPortSchema_Returns422NamingTheProblem(string json, string expected)
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", json);

        PortAssert.Error(422, "bad_request", status, body, expected);
        Assert.Equal(404, (await port.CallAsync(HttpMethod.Get, "/v1/blueprints/x")).Status);
    }

    [Fact]
    public async Task Create_ManyProblems_ReportsEveryOne()
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints",
            """{"identifier":"x","title":"","schema":{"properties":{"a":{"type":"text"},"b":{"type":"string","format":"uri"}}}}""");

        PortAssert.Error(422, "bad_request", status, body);
        var message = body["message"]!.GetValue<string>();
        Assert.Contains("body/title", message, StringComparison.Ordinal);
        Assert.Contains("properties/a/type", message, StringComparison.Ordinal);
        Assert.Contains("properties/b/format", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RelationToExistingAndSelfTargets_Accepted()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints",
            """{"identifier":"svc","title":"Service","schema":{"properties":{}},"relations":{"team":{"target":"team","required":false,"many":false},"parent":{"target":"svc","required":false,"many":false}},"mirrorProperties":{"team_size":{"path":"team.size"}}}""");

        Assert.Equal(201, status);
        Assert.Equal("team", body["blueprint"]!["relations"]!["team"]!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_PortsOwnCopilotBlueprints_AcceptedUnlessTheirRelationTargetIsMissing()
    {
        await using var port = await TestPort.StartAsync();
        var legacy = JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-blueprints.legacy.json"))!.AsArray();
        var current = JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-blueprints.json"))!.AsArray();

        var legacyResult = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", legacy[0]!.ToJsonString());
        var orgResult = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", current[0]!.ToJsonString());
        var (userStatus, userBody) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", current[1]!.ToJsonString());

        Assert.Equal(201, legacyResult.Status);
        Assert.Equal(201, orgResult.Status);
        PortAssert.Error(422, "bad_request", userStatus, userBody, "githubTeam");
    }

    [Fact]
    public async Task Put_ReplacesWholeBlueprint_AndKeepsCreatedAt()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        port.Time.Advance(TimeSpan.FromMinutes(5));

        var (status, body) = await port.CallAsync(HttpMethod.Put, "/v1/blueprints/team",
            """{"title":"Teams","schema":{"properties":{"name":{"type":"string"}}}}""");

        Assert.Equal(200, status);
        var blueprint = body["blueprint"]!;
        Assert.Equal("Teams", blueprint["title"]!.GetValue<string>());
        Assert.Null(blueprint["schema"]!["properties"]!["size"]);
        Assert.Equal("2026-11-25T10:00:00.000Z", blueprint["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-11-25T10:05:00.000Z", blueprint["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_MergesPropertiesAndRelations_KeepsTheRest()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Patch, "/v1/blueprints/seats",
            """{"schema":{"properties":{"seat_cost":{"type":"number"}}},"relations":{"team":{"target":"team","required":false,"many":false}}}""");

        Assert.Equal(200, status);
        var blueprint = body["blueprint"]!;
        Assert.Equal("Seats", blueprint["title"]!.GetValue<string>());
        Assert.NotNull(blueprint["schema"]!["properties"]!["total"]);
        Assert.NotNull(blueprint["schema"]!["properties"]!["seat_cost"]);
        Assert.Equal("total", blueprint["schema"]!["required"]![0]!.GetValue<string>());
        Assert.Equal("team", blueprint["relations"]!["team"]!["target"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PUT", """{"title":"Seats","schema":{"properties":{"total":{"type":"string"}}}}""")]
    [InlineData("PATCH", """{"schema":{"properties":{"total":{"type":"string"}}}}""")]
    public async Task Update_ChangesPropertyType_Returns422(string method, string json)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(new HttpMethod(method), "/v1/blueprints/seats", json);

        PortAssert.Error(422, "bad_request", status, body, "properties/total/type");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task AnyMethod_UnknownBlueprint_Returns404NotFound(string method)
    {
        await using var port = await TestPort.StartAsync();
        var json = method is "PUT" or "PATCH" ? """{"title":"T","schema":{"properties":{}}}""" : null;

        var (status, body) = await port.CallAsync(new HttpMethod(method), "/v1/blueprints/ghost", json);

        PortAssert.Error(404, "not_found", status, body, "ghost");
    }

    [Fact]
    public async Task Delete_WhileEntitiesExist_Returns422AndSucceedsOnceTheyAreGone()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", Samples.Seat("acme"));

        var (refusedStatus, refusedBody) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/seats");
        var (clearStatus, _) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/seats/all-entities");
        var (deleteStatus, deleteBody) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/seats");
        var (getStatus, _) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats");

        PortAssert.Error(422, "has_entities", refusedStatus, refusedBody, "1 entities");
        Assert.Equal(200, clearStatus);
        Assert.Equal(200, deleteStatus);
        Assert.True(deleteBody["ok"]!.GetValue<bool>());
        Assert.Equal(404, getStatus);
    }

    [Fact]
    public async Task Delete_AnotherBlueprintRelatesToIt_Returns422()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/team");

        PortAssert.Error(422, "has_dependents", status, body, "member");
    }

    [Fact]
    public async Task List_ReturnsEveryBlueprintInIdentifierOrder()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        Assert.Equal(200, status);
        Assert.Equal(["_team", "_user", "seats", "team"], body["blueprints"]!.AsArray().Select(b => b!["identifier"]!.GetValue<string>()));
        Assert.Equal(["_team", "_user", "seats", "team"], await port.Server.ListBlueprintsAsync(TestPort.Ct));
    }

    [Fact]
    public async Task Start_NewDatabase_HasPortSystemBlueprintsSoRelationsToUsersAreAccepted()
    {
        await using var port = await TestPort.StartAsync();
        var relating = new System.Text.Json.Nodes.JsonObject
        {
            ["identifier"] = "relates_to_user",
            ["title"] = "Relates to user",
            ["schema"] = new System.Text.Json.Nodes.JsonObject { ["properties"] = new System.Text.Json.Nodes.JsonObject() },
            ["relations"] = new System.Text.Json.Nodes.JsonObject
            {
                ["owner"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "Owner", ["target"] = "_user", ["required"] = false, ["many"] = false },
            },
        };

        var (status, _) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints", relating.ToJsonString());

        Assert.Equal(201, status);
        Assert.Contains("_user", await port.Server.ListBlueprintsAsync(TestPort.Ct));
        Assert.Contains("_team", await port.Server.ListBlueprintsAsync(TestPort.Ct));
    }
}
