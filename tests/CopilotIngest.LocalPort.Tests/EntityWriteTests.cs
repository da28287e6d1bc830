using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class EntityWriteTests
{
    private const string Entities = "/v1/blueprints/seats/entities";

    [Fact]
    public async Task Create_NewEntity_Returns201WithPortShape()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&merge=true", Samples.Seat("acme@2026-11-25", 12));

        Assert.Equal(201, status);
        var entity = body["entity"]!.AsObject();
        Assert.Equal(
            ["identifier", "title", "blueprint", "team", "properties", "relations", "createdAt", "createdBy", "updatedAt", "updatedBy"],
            entity.Select(p => p.Key));
        Assert.Equal("seats", entity["blueprint"]!.GetValue<string>());
        Assert.Equal("2026-11-25T10:00:00.000Z", entity["updatedAt"]!.GetValue<string>());
        Assert.Equal("test-client", entity["createdBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ExistingIdentifierWithoutUpsert_Returns409()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities, Samples.Seat("acme"));

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities + "?merge=true", Samples.Seat("acme", 99));

        PortAssert.Error(409, "identifier_taken", status, body, "upsert=true");
        Assert.Equal(10, (await port.GetEntityAsync("seats", "acme"))["properties"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upsert_WithMerge_KeepsPropertiesNotSent()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true", Samples.Seat("acme", 10, ",\"plan\":\"business\",\"org\":\"acme\""));

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&merge=true",
            """{"identifier":"acme","properties":{"total":11,"org":null}}""");

        Assert.Equal(200, status);
        var properties = body["entity"]!["properties"]!;
        Assert.Equal(11, properties["total"]!.GetValue<int>());
        Assert.Equal("business", properties["plan"]!.GetValue<string>());
        Assert.Null(properties["org"]);
        Assert.Equal("Seats acme", body["entity"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_WithoutMerge_ReplacesTheEntity()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true", Samples.Seat("acme", 10, ",\"plan\":\"business\""));

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true", """{"identifier":"acme","properties":{"total":11}}""");

        Assert.Equal(200, status);
        Assert.Null(body["entity"]!["properties"]!["plan"]);
        Assert.Null(body["entity"]!["title"]);
    }

    [Fact]
    public async Task Upsert_MergeResultLacksRequiredProperty_Rejected()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true", Samples.Seat("acme"));

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&merge=true", """{"identifier":"acme","properties":{"total":null}}""");

        PortAssert.Error(422, "blueprint_schema_mismatch", status, body, "'total'");
    }

    [Fact]
    public async Task Upsert_EqualValues_LeavesUpdatedAt_ChangedValues_BumpIt()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&merge=true", Samples.Seat("acme", 10, ",\"breakdown\":{\"a\":1.0}"));
        port.Time.Advance(TimeSpan.FromHours(1));

        var (sameStatus, same) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&merge=true", Samples.Seat("acme", 10, ",\"breakdown\":{\"a\":1}"));
        var (sameBulkStatus, sameBulk) = await port.CallAsync(HttpMethod.Post, Entities + "/bulk?upsert=true&merge=true", Samples.Bulk(Samples.Seat("acme", 10)));
        var stored = await port.GetEntityAsync("seats", "acme");
        port.Time.Advance(TimeSpan.FromHours(1));
        var (changedStatus, changed) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&merge=true", Samples.Seat("acme", 11));

        Assert.Equal(200, sameStatus);
        Assert.Equal("2026-11-25T10:00:00.000Z", same["entity"]!["updatedAt"]!.GetValue<string>());
        Assert.Equal(200, sameBulkStatus);
        Assert.False(sameBulk["entities"]![0]!["created"]!.GetValue<bool>());
        Assert.Equal("2026-11-25T10:00:00.000Z", stored["updatedAt"]!.GetValue<string>());
        Assert.Equal(200, changedStatus);
        Assert.Equal("2026-11-25T12:00:00.000Z", changed["entity"]!["updatedAt"]!.GetValue<string>());
        Assert.Equal("2026-11-25T10:00:00.000Z", changed["entity"]!["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_MergesIntoExisting_Put_ReplacesIt_BothNeedTheEntity()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities, Samples.Seat("acme", 10, ",\"plan\":\"business\""));

        var (patchStatus, patched) = await port.CallAsync(HttpMethod.Patch, Entities + "/acme", """{"properties":{"total":12}}""");
        var (putStatus, put) = await port.CallAsync(HttpMethod.Put, Entities + "/acme", """{"title":"Acme","properties":{"total":13}}""");
        var (missingStatus, missing) = await port.CallAsync(HttpMethod.Patch, Entities + "/ghost", """{"properties":{"total":1}}""");
        var (mismatchStatus, mismatch) = await port.CallAsync(HttpMethod.Put, Entities + "/acme", """{"identifier":"other","properties":{"total":1}}""");

        Assert.Equal(200, patchStatus);
        Assert.Equal("business", patched["entity"]!["properties"]!["plan"]!.GetValue<string>());
        Assert.Equal(200, putStatus);
        Assert.Null(put["entity"]!["properties"]!["plan"]);
        Assert.Equal("Acme", put["entity"]!["title"]!.GetValue<string>());
        PortAssert.Error(404, "not_found", missingStatus, missing, "ghost");
        PortAssert.Error(422, "bad_request", mismatchStatus, mismatch, "body/identifier");
    }

    [Fact]
    public async Task ValidationOnly_ValidEntity_AnswersButStoresNothing()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities + "?upsert=true&validation_only=true", Samples.Seat("acme"));

        Assert.Equal(200, status);
        Assert.Equal("acme", body["entity"]!["identifier"]!.GetValue<string>());
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Create_NoIdentifier_GeneratesOne()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, Entities, """{"properties":{"total":1}}""");

        Assert.Equal(201, status);
        Assert.StartsWith("e_", body["entity"]!["identifier"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme/team@2026-11-25")]
    [InlineData("ünïcödé+x:y=z")]
    [InlineData(@"back\slash")]
    public async Task GetAndDelete_IdentifierWithSpecialCharacters_RoundTrip(string identifier)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var json = new JsonObject { ["identifier"] = identifier, ["properties"] = new JsonObject { ["total"] = 1 } }.ToJsonString();
        Assert.Equal(201, (await port.CallAsync(HttpMethod.Post, Entities, json)).Status);

        var entity = await port.GetEntityAsync("seats", identifier);
        var (deleteStatus, _) = await port.CallAsync(HttpMethod.Delete, Entities + "/" + Uri.EscapeDataString(identifier));

        Assert.Equal(identifier, entity["identifier"]!.GetValue<string>());
        Assert.Equal(200, deleteStatus);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Get_IncludeAndExclude_LimitFields()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, Entities, Samples.Seat("acme", 10, ",\"plan\":\"business\""));

        var (_, included) = await port.CallAsync(HttpMethod.Get, Entities + "/acme?include=$identifier&include=plan");
        var (_, excluded) = await port.CallAsync(HttpMethod.Get, Entities + "/acme?exclude=plan&exclude=$createdBy");

        Assert.Equal("""{"identifier":"acme","properties":{"plan":"business"}}""", included["entity"]!.ToJsonString());
        Assert.Null(excluded["entity"]!["properties"]!["plan"]);
        Assert.Null(excluded["entity"]!["createdBy"]);
        Assert.NotNull(excluded["entity"]!["properties"]!["total"]);
    }

    [Fact]
    public async Task Get_Missing_Returns404()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Get, Entities + "/ghost");

        PortAssert.Error(404, "not_found", status, body, "ghost");
    }

    [Fact]
    public async Task ListAndCount_ReturnEveryEntityOfTheBlueprint()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        for (var i = 0; i < 250; i++)
        {
            await port.CallAsync(HttpMethod.Post, Entities, Samples.Seat($"org{i:D3}", i));
        }

        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities", """{"identifier":"t"}""");

        var (listStatus, list) = await port.CallAsync(HttpMethod.Get, Entities);
        var (countStatus, count) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats/entities-count");

        Assert.Equal(200, listStatus);
        Assert.Equal(250, list["entities"]!.AsArray().Count);
        Assert.Equal("org000", list["entities"]![0]!["identifier"]!.GetValue<string>());
        Assert.Equal(200, countStatus);
        Assert.Equal("""{"ok":true,"count":250}""", count.ToJsonString());
    }

    [Fact]
    public async Task Delete_Missing_Returns404()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Delete, Entities + "/ghost");

        PortAssert.Error(404, "not_found", status, body);
    }

    [Fact]
    public async Task Delete_TargetOfRequiredRelation_RefusedUnlessDeleteDependents()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?create_missing_related_entities=true",
            """{"identifier":"adele","relations":{"home_team":"platform"}}""");

        var (refusedStatus, refused) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/team/entities/platform?delete_dependents=false");
        var (status, _) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/team/entities/platform?delete_dependents=true");

        PortAssert.Error(422, "has_dependents", refusedStatus, refused, "adele");
        Assert.Equal(200, status);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("member", TestPort.Ct));
        Assert.Equal(0, await port.Server.CountEntitiesAsync("team", TestPort.Ct));
    }

    [Fact]
    public async Task Delete_TargetOfOptionalRelation_ClearsTheReference()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?create_missing_related_entities=true",
            """{"identifier":"adele","relations":{"home_team":"platform","teams":["data","web"]}}""");

        var (status, _) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/team/entities/data");

        Assert.Equal(200, status);
        var member = await port.GetEntityAsync("member", "adele");
        Assert.Equal("""["web"]""", member["relations"]!["teams"]!.ToJsonString());
    }
}
