using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;
using CopilotIngest.Testing;

namespace CopilotIngest.LocalPort.Tests;

public sealed class PageAndScorecardTests
{
    [Fact]
    public async Task Pages_CreateGetReplaceDelete_FollowPortsShapes()
    {
        await using var port = await TestPort.StartAsync();

        var (created, createBody) = await port.CallAsync(HttpMethod.Post, "/v1/pages", """{"identifier":"dash","title":"Dash","type":"dashboard","widgets":[]}""");
        var (duplicate, duplicateBody) = await port.CallAsync(HttpMethod.Post, "/v1/pages", """{"identifier":"dash","title":"Again","type":"dashboard"}""");
        var (replaced, _) = await port.CallAsync(HttpMethod.Put, "/v1/pages/dash", """{"title":"Dashboard","type":"dashboard","widgets":[]}""");
        var (_, got) = await port.CallAsync(HttpMethod.Get, "/v1/pages/dash");
        var (_, list) = await port.CallAsync(HttpMethod.Get, "/v1/pages");
        var (deleted, _) = await port.CallAsync(HttpMethod.Delete, "/v1/pages/dash");
        var (gone, goneBody) = await port.CallAsync(HttpMethod.Get, "/v1/pages/dash");

        Assert.Equal(201, created);
        Assert.Equal("""{"ok":true,"identifier":"dash"}""", createBody.ToJsonString());
        PortAssert.Error(409, "identifier_taken", duplicate, duplicateBody, "dash");
        Assert.Equal(200, replaced);
        Assert.Equal("Dashboard", got["page"]!["title"]!.GetValue<string>());
        Assert.Single(list["pages"]!.AsArray());
        Assert.Equal(200, deleted);
        PortAssert.Error(404, "not_found", gone, goneBody, "dash");
    }

    [Fact]
    public async Task Pages_ReferenceDashboardExample_AcceptedOnceItsBlueprintExists()
    {
        await using var port = await TestPort.StartAsync();
        var dashboard = ReferenceFiles.ReadText("port/dashboard-page.example.json");
        var legacyBlueprint = JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-blueprints.legacy.json"))![0]!.ToJsonString();

        var (refused, refusedBody) = await port.CallAsync(HttpMethod.Post, "/v1/pages", dashboard);
        await port.CreateBlueprintAsync(legacyBlueprint);
        var (accepted, _) = await port.CallAsync(HttpMethod.Post, "/v1/pages", dashboard);

        PortAssert.Error(422, "bad_request", refused, refusedBody, "github_copilot_usage");
        Assert.Equal(201, accepted);
    }

    [Fact]
    public async Task Pages_OceanCopilotPages_Accepted()
    {
        await using var port = await TestPort.StartAsync();
        foreach (var blueprint in JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-blueprints.json"))!.AsArray().Take(1))
        {
            await port.CreateBlueprintAsync(blueprint!.ToJsonString());
        }

        await port.CreateBlueprintAsync("""{"identifier":"githubTeam","title":"Team","schema":{"properties":{}}}""");
        await port.CreateBlueprintAsync(JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-blueprints.json"))![1]!.ToJsonString());

        foreach (var page in JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-pages.json"))!.AsArray())
        {
            var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/pages", page!.ToJsonString());
            Assert.True(status == 201, body.ToJsonString());
        }
    }

    [Theory]
    [InlineData("""{"title":"No id"}""", "'identifier'")]
    [InlineData("""{"identifier":"has space","title":"T"}""", "body/identifier")]
    [InlineData("""{"identifier":"p","type":"wiki"}""", "body/type")]
    [InlineData("""{"identifier":"p","widgets":{}}""", "body/widgets")]
    [InlineData("""{"identifier":"p","widgets":[{"id":"w"}]}""", "'type'")]
    [InlineData("""{"identifier":"p","widgets":[{"id":"w","type":"markdown"},{"id":"w","type":"markdown"}]}""", "\"w\" is used")]
    [InlineData("""{"identifier":"p","widgets":[{"type":"dashboard-widget","layout":[{"columns":[{"id":"a","size":6},{"id":"b","size":5}]}],"widgets":[]}]}""", "add up to 12")]
    [InlineData("""{"identifier":"p","widgets":[{"type":"table-entities-explorer","blueprint":"ghost"}]}""", "ghost")]
    public async Task Pages_InvalidPage_Returns422(string json, string expected)
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/pages", json);

        PortAssert.Error(422, "bad_request", status, body, expected);
    }

    [Fact]
    public async Task Scorecards_ReferenceExample_CreatedListedReplacedDeleted()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var example = ReferenceFiles.ReadText("port/scorecard.example.json");

        var (created, createdBody) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/scorecards", example);
        var (duplicate, duplicateBody) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/scorecards", example);
        var (_, all) = await port.CallAsync(HttpMethod.Get, "/v1/scorecards");
        var (replaced, replacedBody) = await port.CallAsync(HttpMethod.Put, "/v1/blueprints/seats/scorecards/Ownership",
            """{"title":"Ownership v2","rules":[{"identifier":"has-total","title":"Has total","level":"Silver","query":{"combinator":"and","conditions":[{"property":"total","operator":">","value":0}]}}]}""");
        var (deleted, _) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints/seats/scorecards/Ownership");
        var (_, mine) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats/scorecards");

        Assert.Equal(201, created);
        Assert.Equal("seats", createdBody["scorecard"]!["blueprint"]!.GetValue<string>());
        PortAssert.Error(409, "identifier_taken", duplicate, duplicateBody);
        Assert.Equal("Ownership", all["scorecards"]![0]!["identifier"]!.GetValue<string>());
        Assert.Equal(200, replaced);
        Assert.Equal("Ownership v2", replacedBody["scorecard"]!["title"]!.GetValue<string>());
        Assert.Equal(4, replacedBody["scorecard"]!["levels"]!.AsArray().Count);
        Assert.Equal(200, deleted);
        Assert.Empty(mine["scorecards"]!.AsArray());
    }

    [Fact]
    public async Task Scorecards_PutCollection_ReplacesEveryScorecardOfTheBlueprint()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/scorecards", ReferenceFiles.ReadText("port/scorecard.example.json"));

        var (status, body) = await port.CallAsync(HttpMethod.Put, "/v1/blueprints/seats/scorecards",
            """[{"identifier":"usage","title":"Usage","rules":[{"identifier":"r","title":"R","level":"Bronze","query":{"combinator":"or","conditions":[{"property":"plan","operator":"isNotEmpty"}]}}]}]""");

        Assert.Equal(200, status);
        Assert.Equal(["usage"], body["scorecards"]!.AsArray().Select(s => s!["identifier"]!.GetValue<string>()));
        Assert.Equal(404, (await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats/scorecards/Ownership")).Status);
    }

    [Theory]
    [InlineData("""{"title":"T","rules":[]}""", "'identifier'")]
    [InlineData("""{"identifier":"s","rules":[]}""", "'title'")]
    [InlineData("""{"identifier":"s","title":"T"}""", "'rules'")]
    [InlineData("""{"identifier":"s","title":"T","rules":[{"identifier":"bad id","title":"R","level":"Gold","query":{"combinator":"and","conditions":[{"property":"total","operator":">","value":0}]}}]}""", "rules/0/identifier")]
    [InlineData("""{"identifier":"s","title":"T","rules":[{"identifier":"r","title":"R","level":"Basic","query":{"combinator":"and","conditions":[{"property":"total","operator":">","value":0}]}}]}""", "rules/0/level")]
    [InlineData("""{"identifier":"s","title":"T","rules":[{"identifier":"r","title":"R","level":"Gold","query":{"combinator":"and","conditions":[]}}]}""", "conditions")]
    [InlineData("""{"identifier":"s","title":"T","rules":[{"identifier":"r","title":"R","level":"Gold","query":{"combinator":"and","conditions":[{"property":"nope","operator":">","value":0}]}}]}""", "\"nope\"")]
    [InlineData("""{"identifier":"s","title":"T","rules":[{"identifier":"r","title":"R","level":"Gold","query":{"combinator":"and","conditions":[{"property":"total","operator":"~","value":0}]}}]}""", "operator")]
    [InlineData("""{"identifier":"s","title":"T","levels":[{"title":"Low","color":"mauve"}],"rules":[]}""", "color")]
    public async Task Scorecards_InvalidScorecard_Returns422(string json, string expected)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/scorecards", json);

        PortAssert.Error(422, "bad_request", status, body, expected);
    }

    [Fact]
    public async Task Scorecards_UnknownBlueprint_Returns404()
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/ghost/scorecards", ReferenceFiles.ReadText("port/scorecard.example.json"));

        PortAssert.Error(404, "not_found", status, body, "ghost");
    }
}
