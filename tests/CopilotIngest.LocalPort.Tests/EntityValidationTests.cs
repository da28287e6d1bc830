using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class EntityValidationTests
{
    public static TheoryData<string, string, string, string> BrokenEntities => new()
    {
        // rule kind, entity JSON, expected error code, expected text in the message
        { "type", """{"identifier":"a","properties":{"total":"12"}}""", "blueprint_schema_mismatch", "properties/total must be of type number" },
        { "type boolean", """{"identifier":"a","properties":{"total":1,"active":"yes"}}""", "blueprint_schema_mismatch", "properties/active must be of type boolean" },
        { "type object", """{"identifier":"a","properties":{"total":1,"breakdown":[1]}}""", "blueprint_schema_mismatch", "properties/breakdown must be of type object" },
        { "enum", """{"identifier":"a","properties":{"total":1,"plan":"free"}}""", "blueprint_schema_mismatch", "properties/plan must be equal to one of the allowed values" },
        { "required", """{"identifier":"a","properties":{"plan":"business"}}""", "blueprint_schema_mismatch", "must have required property 'total'" },
        { "required null", """{"identifier":"a","properties":{"total":null}}""", "blueprint_schema_mismatch", "must have required property 'total'" },
        { "format date-time", """{"identifier":"a","properties":{"total":1,"snapshot_date":"2026-11-25"}}""", "blueprint_schema_mismatch", "properties/snapshot_date must match format \"date-time\"" },
        { "format url", """{"identifier":"a","properties":{"total":1,"billing_url":"not a url"}}""", "blueprint_schema_mismatch", "properties/billing_url must match format \"url\"" },
        { "format email", """{"identifier":"a","properties":{"total":1,"owner_email":"adele"}}""", "blueprint_schema_mismatch", "properties/owner_email must match format \"email\"" },
        { "minimum", """{"identifier":"a","properties":{"total":-1}}""", "blueprint_schema_mismatch", "properties/total must be >= 0" },
        { "maximum", """{"identifier":"a","properties":{"total":100001}}""", "blueprint_schema_mismatch", "properties/total must be <= 100000" },
        { "pattern", """{"identifier":"a","properties":{"total":1,"org":"Acme_Inc"}}""", "blueprint_schema_mismatch", "properties/org must match pattern" },
        { "minLength", """{"identifier":"a","properties":{"total":1,"org":"a"}}""", "blueprint_schema_mismatch", "properties/org must NOT have fewer than 2 characters" },
        { "maxLength", """{"identifier":"a","properties":{"total":1,"org":"a123456789012345678901234567890123456789"}}""", "blueprint_schema_mismatch", "properties/org must NOT have more than 39 characters" },
        { "array items", """{"identifier":"a","properties":{"total":1,"editors":["vscode",7]}}""", "blueprint_schema_mismatch", "properties/editors/1 must be of type string" },
        { "unknown property", """{"identifier":"a","properties":{"total":1,"color":"red"}}""", "blueprint_schema_mismatch", "properties/color is not a property of blueprint \"seats\"" },
        { "unknown relation", """{"identifier":"a","properties":{"total":1},"relations":{"owner":"x"}}""", "blueprint_schema_mismatch", "relations/owner is not a relation of blueprint \"seats\"" },
        { "identifier pattern", """{"identifier":"acme seats","properties":{"total":1}}""", "bad_request", "body/identifier must match pattern" },
        { "identifier dots", """{"identifier":"..","properties":{"total":1}}""", "bad_request", "body/identifier must match pattern" },
        { "identifier type", """{"identifier":42,"properties":{"total":1}}""", "bad_request", "body/identifier must be string" },
        { "title", """{"identifier":"a","title":5,"properties":{"total":1}}""", "bad_request", "body/title must be string" },
        { "properties shape", """{"identifier":"a","properties":[1]}""", "bad_request", "body/properties must be object" },
        { "relation value", """{"identifier":"a","properties":{"total":1},"relations":{"owner":"bad id"}}""", "bad_request", "body/relations/owner must match pattern" },
    };

    [Theory]
    [MemberData(nameof(BrokenEntities))]
    public async Task Create_EntityBreaksARule_RejectedWithPortErrorAndNothingStored(string rule, string entity, string code, string expected)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities?upsert=true", entity);

        PortAssert.Error(422, code, status, body, expected);
        Assert.True(0 == await port.Server.CountEntitiesAsync("seats", TestPort.Ct), rule);
    }

    [Fact]
    public async Task Create_SeveralBrokenProperties_ReportsEveryOne()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities?upsert=true",
            """{"identifier":"a","properties":{"plan":"free","snapshot_date":"yesterday","nope":1}}""");

        PortAssert.Error(422, "blueprint_schema_mismatch", status, body);
        var message = body["message"]!.GetValue<string>();
        Assert.Contains("properties/plan", message, StringComparison.Ordinal);
        Assert.Contains("properties/snapshot_date", message, StringComparison.Ordinal);
        Assert.Contains("properties/nope", message, StringComparison.Ordinal);
        Assert.Contains("'total'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_EveryValidValueKind_Accepted()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities?upsert=true",
            """
            {"identifier":"acme@2026-11-25","title":"acme","properties":{"total":12.5,"plan":"business","snapshot_date":"2026-11-25T00:00:00Z",
             "billing_url":"https://github.com/orgs/acme/settings/billing","owner_email":"adele@contoso.com","org":"acme","active":true,
             "editors":["vscode","jetbrains"],"breakdown":{"x":[1,2]}}}
            """);

        Assert.Equal(201, status);
        Assert.Equal(12.5, body["entity"]!["properties"]!["total"]!.GetValue<double>());
    }

    [Fact]
    public async Task Create_NullForOptionalProperty_Accepted()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, _) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities?upsert=true",
            """{"identifier":"a","properties":{"total":1,"plan":null,"snapshot_date":null}}""");

        Assert.Equal(201, status);
    }

    [Fact]
    public async Task Create_RelatedEntityMissing_Returns404NotFound()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?upsert=true",
            """{"identifier":"adele","relations":{"home_team":"platform"}}""");

        PortAssert.Error(404, "not_found", status, body, "\"platform\" of blueprint \"team\"");
    }

    [Fact]
    public async Task Create_RequiredRelationMissing_Returns422RequiredRelation()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?upsert=true", """{"identifier":"adele"}""");

        PortAssert.Error(422, "required_relation", status, body, "home_team");
    }

    [Theory]
    [InlineData("""{"identifier":"adele","relations":{"home_team":["a","b"]}}""", "home_team")]
    [InlineData("""{"identifier":"adele","relations":{"home_team":"a","teams":"a"}}""", "teams")]
    public async Task Create_RelationCardinalityWrong_Returns422RelationManyViolation(string entity, string relation)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities", """{"identifier":"a"}""");

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?upsert=true", entity);

        PortAssert.Error(422, "relation_many_violation", status, body, relation);
    }

    [Fact]
    public async Task Create_CreateMissingRelatedEntities_CreatesStubTargets()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);

        var (status, _) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?upsert=true&create_missing_related_entities=true",
            """{"identifier":"adele","relations":{"home_team":"platform","teams":["platform","data"]}}""");

        Assert.Equal(201, status);
        Assert.Equal(2, await port.Server.CountEntitiesAsync("team", TestPort.Ct));
        Assert.Equal("platform", (await port.GetEntityAsync("team", "platform"))["identifier"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_RelationGivenAsSearchQuery_ResolvesToMatchingIdentifiers()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities/bulk",
            Samples.Bulk("""{"identifier":"platform","properties":{"size":5}}""", """{"identifier":"data","properties":{"size":9}}""", """{"identifier":"web","properties":{"size":2}}"""));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?upsert=true",
            """
            {"identifier":"adele","relations":{
              "home_team":{"combinator":"and","rules":[{"property":"size","operator":"=","value":5}]},
              "teams":{"combinator":"and","rules":[{"property":"size","operator":">","value":4}]}}}
            """);

        Assert.Equal(201, status);
        Assert.Equal("platform", body["entity"]!["relations"]!["home_team"]!.GetValue<string>());
        Assert.Equal(["data", "platform"], body["entity"]!["relations"]!["teams"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    private const string SeatWithOptionalRelations = """
        {"identifier":"seat","title":"Seat","schema":{"properties":{}},
         "relations":{"user":{"title":"User","target":"member","required":false,"many":false},
                      "teams":{"title":"Teams","target":"team","required":false,"many":true}}}
        """;

    [Fact]
    public async Task Create_SearchRelationMatchesNothing_RelationEmptyAndWriteSucceeds()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CreateBlueprintAsync(SeatWithOptionalRelations);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seat/entities?upsert=true",
            """
            {"identifier":"s1","relations":{
              "user":{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"ghost"}]},
              "teams":{"combinator":"and","rules":[{"property":"size","operator":">","value":100}]}}}
            """);

        Assert.Equal(201, status);
        Assert.Null(body["entity"]!["relations"]!["user"]);
        Assert.Empty(body["entity"]!["relations"]!["teams"]!.AsArray());
    }

    [Fact]
    public async Task Bulk_SearchRelationsSomeMatching_EveryEntityWrittenWithWhatMatched()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CreateBlueprintAsync(SeatWithOptionalRelations);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities?upsert=true", """{"identifier":"platform","properties":{"size":5}}""");
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities?upsert=true", """{"identifier":"m-1","properties":{"login":"Mona"},"relations":{"home_team":"platform"}}""");

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seat/entities/bulk?upsert=true&merge=true", Samples.Bulk(
            """{"identifier":"s1","relations":{"user":{"combinator":"and","rules":[{"property":"login","operator":"=","value":"Mona"}]}}}""",
            """{"identifier":"s2","relations":{"user":{"combinator":"and","rules":[{"property":"login","operator":"=","value":"hubot"}]}}}"""));

        Assert.Equal(200, status);
        Assert.Empty(body["errors"]!.AsArray());
        Assert.Equal("m-1", (await port.GetEntityAsync("seat", "s1"))["relations"]!["user"]!.GetValue<string>());
        Assert.Null((await port.GetEntityAsync("seat", "s2"))["relations"]!["user"]);
    }

    [Theory]
    [InlineData(true, 422)]
    [InlineData(false, 201)]
    public async Task CreateBlueprint_RelationToMissingBlueprint_RefusedOrAcceptedAsConfigured(bool targetsMustExist, int expected)
    {
        var directory = Path.Combine(Path.GetTempPath(), "localport-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(directory, "port.db"), ClientSecret = "test-secret", RelationTargetsMustExist = targetsMustExist }, TestPort.Ct);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var token = await http.PostAsync("v1/auth/access_token", new StringContent($$"""{"clientId":"{{server.ClientId}}","clientSecret":"test-secret"}""", System.Text.Encoding.UTF8, "application/json"), TestPort.Ct);
            http.DefaultRequestHeaders.Authorization = new("Bearer", System.Text.Json.Nodes.JsonNode.Parse(await token.Content.ReadAsStringAsync(TestPort.Ct))!["accessToken"]!.GetValue<string>());

            var created = await http.PostAsync("v1/blueprints", new StringContent(
                """{"identifier":"seat","title":"Seat","schema":{"properties":{}},"relations":{"user":{"target":"githubUser","required":false,"many":false}}}""",
                System.Text.Encoding.UTF8, "application/json"), TestPort.Ct);
            var written = await http.PostAsync("v1/blueprints/seat/entities?upsert=true", new StringContent(
                """{"identifier":"s1","relations":{"user":{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"mona"}]}}}""",
                System.Text.Encoding.UTF8, "application/json"), TestPort.Ct);

            Assert.Equal(expected, (int)created.StatusCode);
            Assert.Equal(targetsMustExist ? 404 : 201, (int)written.StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Create_UnknownBlueprint_Returns404NotFound()
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/ghost/entities?upsert=true", """{"identifier":"a"}""");

        PortAssert.Error(404, "not_found", status, body, "ghost");
    }

    [Fact]
    public async Task Create_ComputedPropertyInBody_Rejected()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync("""
            {"identifier":"usage","title":"Usage","schema":{"properties":{"s":{"type":"number"},"a":{"type":"number"}}},
             "calculationProperties":{"rate":{"title":"Rate","type":"number","calculation":".properties.a / .properties.s"}}}
            """);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/usage/entities?upsert=true",
            """{"identifier":"a","properties":{"s":1,"rate":5}}""");

        PortAssert.Error(422, "blueprint_schema_mismatch", status, body, "properties/rate");
    }
}
