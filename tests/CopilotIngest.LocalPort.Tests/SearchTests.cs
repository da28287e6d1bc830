using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class SearchTests
{
    private const string Search = "/v1/blueprints/usage/entities/search";

    private const string UsageBlueprint = """
        {"identifier":"usage","title":"Usage","schema":{"properties":{
          "day":{"type":"string","format":"date-time"},"users":{"type":"number"},"org":{"type":"string"},
          "tags":{"type":"array","items":{"type":"string"}},"note":{"type":"string"}}}}
        """;

    public static TheoryData<string, string> OperatorCases => new()
    {
        { """{"property":"users","operator":"=","value":10}""", "acme@2026-11-02" },
        { """{"property":"org","operator":"!=","value":"acme"}""", "beta@2026-11-01,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"users","operator":">","value":10}""", "acme@2026-11-03,beta@2026-11-24" },
        { """{"property":"users","operator":">=","value":10}""", "acme@2026-11-02,acme@2026-11-03,beta@2026-11-24" },
        { """{"property":"users","operator":"<","value":5}""", "beta@2026-11-01" },
        { """{"property":"users","operator":"<=","value":5}""", "acme@2026-11-01,beta@2026-11-01" },
        { """{"property":"org","operator":"in","value":["beta","gamma-labs"]}""", "beta@2026-11-01,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"org","operator":"notIn","value":["acme","beta"]}""", "gamma@2026-11-25" },
        { """{"property":"org","operator":"contains","value":"labs"}""", "gamma@2026-11-25" },
        { """{"property":"tags","operator":"contains","value":"agent"}""", "beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"org","operator":"doesNotContains","value":"et"}""", "acme@2026-11-01,acme@2026-11-02,acme@2026-11-03,gamma@2026-11-25" },
        { """{"property":"tags","operator":"containsAny","value":["agent","ide"]}""", "acme@2026-11-01,acme@2026-11-02,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"$identifier","operator":"beginsWith","value":"acme@"}""", "acme@2026-11-01,acme@2026-11-02,acme@2026-11-03" },
        { """{"property":"$identifier","operator":"doesNotBeginsWith","value":"acme@"}""", "beta@2026-11-01,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"$identifier","operator":"endsWith","value":"-01"}""", "acme@2026-11-01,beta@2026-11-01" },
        { """{"property":"$identifier","operator":"doesNotEndsWith","value":"-01"}""", "acme@2026-11-02,acme@2026-11-03,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"note","operator":"isEmpty"}""", "acme@2026-11-02,acme@2026-11-03,beta@2026-11-01,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"note","operator":"isNotEmpty"}""", "acme@2026-11-01" },
        { """{"property":"day","operator":"between","value":{"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z"}}""", "acme@2026-11-01,acme@2026-11-02,beta@2026-11-01" },
        { """{"property":"day","operator":"between","value":{"preset":"lastWeek"}}""", "beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"day","operator":"between","value":{"preset":"today"}}""", "gamma@2026-11-25" },
        { """{"property":"day","operator":"notBetween","value":{"preset":"lastWeek"}}""", "acme@2026-11-01,acme@2026-11-02,acme@2026-11-03,beta@2026-11-01" },
        { """{"property":"day","operator":">","value":"2026-11-24T00:00:00.000Z"}""", "beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"$title","operator":"=","value":"gamma"}""", "gamma@2026-11-25" },
        { """{"property":"$blueprint","operator":"=","value":"usage"}""", "acme@2026-11-01,acme@2026-11-02,acme@2026-11-03,beta@2026-11-01,beta@2026-11-24,gamma@2026-11-25" },
        { """{"property":"$updatedAt","operator":">","value":"2026-11-25T10:30:00.000Z"}""", "gamma@2026-11-25" },
        { """{"property":"$createdAt","operator":"<=","value":"2026-11-25T10:00:00.000Z"}""", "acme@2026-11-01,acme@2026-11-02,acme@2026-11-03,beta@2026-11-01,beta@2026-11-24" },
        { """{"combinator":"or","rules":[{"combinator":"and","rules":[{"property":"org","operator":"=","value":"acme"},{"property":"users","operator":">=","value":10}]},{"property":"$identifier","operator":"=","value":"gamma@2026-11-25"}]}""", "acme@2026-11-02,acme@2026-11-03,gamma@2026-11-25" },
    };

    [Theory]
    [MemberData(nameof(OperatorCases))]
    public async Task Search_EachOperator_ReturnsMatchingEntitiesInIdentifierOrder(string rule, string expected)
    {
        await using var port = await StartWithUsageAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, Search, "{\"query\":{\"combinator\":\"and\",\"rules\":[" + rule + "]}}");

        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal(expected, Samples.Ids(body));
        Assert.Null(body["next"]);
    }

    [Fact]
    public async Task Search_OrCombinatorWithNoRules_MatchesEverything_AndNoQueryToo()
    {
        await using var port = await StartWithUsageAsync();

        var (_, empty) = await port.CallAsync(HttpMethod.Post, Search, """{"query":{"combinator":"or","rules":[]}}""");
        var (_, none) = await port.CallAsync(HttpMethod.Post, Search, """{}""");

        Assert.Equal(6, empty["entities"]!.AsArray().Count);
        Assert.Equal(6, none["entities"]!.AsArray().Count);
    }

    [Fact]
    public async Task Search_MoreMatchesThanLimit_PagesWithNextCursorUntilDone()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        for (var batch = 0; batch < 3; batch++)
        {
            var entities = Enumerable.Range(batch * 20, 20).Select(i => Samples.Seat($"org{i:D2}", i));
            await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk?upsert=true", Samples.Bulk([.. entities]));
        }

        var seen = new List<string>();
        var pages = 0;
        string? from = null;
        do
        {
            var request = new JsonObject
            {
                ["query"] = JsonNode.Parse("""{"combinator":"and","rules":[{"property":"total","operator":">=","value":5}]}"""),
                ["include"] = new JsonArray("$identifier"),
                ["limit"] = 10,
            };
            if (from is not null)
            {
                request["from"] = from;
            }

            var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/search", request.ToJsonString());
            Assert.Equal(200, status);
            Assert.All(body["entities"]!.AsArray(), e => Assert.Equal(["identifier"], e!.AsObject().Select(p => p.Key)));
            seen.AddRange(body["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()));
            from = body["next"]?.GetValue<string>();
            pages++;
        }
        while (from is not null);

        Assert.Equal(6, pages);
        Assert.Equal([.. Enumerable.Range(5, 55).Select(i => $"org{i:D2}")], seen);
    }

    [Fact]
    public async Task Search_NoLimit_ReturnsPagesOf200()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        for (var batch = 0; batch < 11; batch++)
        {
            var entities = Enumerable.Range(batch * 20, 20).Select(i => Samples.Seat($"org{i:D3}", i));
            await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk?upsert=true", Samples.Bulk([.. entities]));
        }

        var (_, first) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/search", """{"query":{"combinator":"and","rules":[]}}""");
        var next = first["next"]!.GetValue<string>();
        var (_, second) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/search", $$"""{"query":{"combinator":"and","rules":[]},"from":"{{next}}"}""");

        Assert.Equal(200, first["entities"]!.AsArray().Count);
        Assert.Equal(20, second["entities"]!.AsArray().Count);
        Assert.Null(second["next"]);
    }

    [Theory]
    [InlineData("""{"query":{"combinator":"and","rules":[{"property":"users","operator":"like","value":1}]}}""", "operator")]
    [InlineData("""{"query":{"combinator":"xor","rules":[]}}""", "body/query/combinator")]
    [InlineData("""{"query":{"rules":[]}}""", "'combinator'")]
    [InlineData("""{"query":{"combinator":"and"}}""", "'rules'")]
    [InlineData("""{"query":{"combinator":"and","rules":[{"operator":"=","value":1}]}}""", "'property'")]
    [InlineData("""{"query":{"combinator":"and","rules":[{"property":"org","operator":"in","value":"acme"}]}}""", "must be array")]
    [InlineData("""{"query":{"combinator":"and","rules":[{"property":"day","operator":"between","value":{"preset":"someday"}}]}}""", "date range")]
    [InlineData("""{"query":{"combinator":"and","rules":[]},"limit":0}""", "body/limit")]
    [InlineData("""{"query":{"combinator":"and","rules":[]},"limit":1001}""", "body/limit")]
    [InlineData("""{"query":{"combinator":"and","rules":[]},"limit":2.5}""", "body/limit")]
    [InlineData("""{"query":{"combinator":"and","rules":[]},"from":"not-a-cursor"}""", "body/from")]
    [InlineData("""{"query":{"combinator":"and","rules":[]},"include":"$identifier"}""", "body/include")]
    [InlineData("""{"query":{"combinator":"and","rules":[]},"sort":"x"}""", "sort")]
    public async Task Search_BadRequestBody_Returns422(string json, string expected)
    {
        await using var port = await StartWithUsageAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, Search, json);

        PortAssert.Error(422, "bad_request", status, body, expected);
    }

    [Fact]
    public async Task Search_UnknownBlueprint_Returns404()
    {
        await using var port = await TestPort.StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/ghost/entities/search", """{"query":{"combinator":"and","rules":[]}}""");

        PortAssert.Error(404, "not_found", status, body, "ghost");
    }

    [Fact]
    public async Task SearchAll_BlueprintRule_LimitsToThatBlueprint()
    {
        await using var port = await StartWithUsageAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", Samples.Seat("acme@2026-11-25", 50));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/entities/search?include=$identifier&include=$blueprint",
            """{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"usage"},{"property":"users","operator":">","value":10}]}""");
        var (_, all) = await port.CallAsync(HttpMethod.Post, "/v1/entities/search",
            """{"combinator":"and","rules":[{"property":"$identifier","operator":"beginsWith","value":"acme@"}]}""");

        Assert.Equal(200, status);
        Assert.Equal("""["usage"]""", body["matchingBlueprints"]!.ToJsonString());
        Assert.Equal(
            """[{"identifier":"acme@2026-11-03","blueprint":"usage"},{"identifier":"beta@2026-11-24","blueprint":"usage"}]""",
            body["entities"]!.ToJsonString());
        Assert.Equal("acme@2026-11-25,acme@2026-11-01,acme@2026-11-02,acme@2026-11-03", Samples.Ids(all));
    }

    [Fact]
    public async Task Search_RelatedTo_FindsEntitiesRelatedToTheValue()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities/bulk", Samples.Bulk("""{"identifier":"platform"}""", """{"identifier":"data"}"""));
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities/bulk", Samples.Bulk(
            """{"identifier":"adele","relations":{"home_team":"platform"}}""",
            """{"identifier":"bob","relations":{"home_team":"data","teams":["platform"]}}""",
            """{"identifier":"cyd","relations":{"home_team":"data"}}"""));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities/search",
            """{"query":{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"team","value":"platform","direction":"downstream"}]}}""");

        Assert.Equal(200, status);
        Assert.Equal("adele,bob", Samples.Ids(body));
    }

    private static async Task<TestPort> StartWithUsageAsync()
    {
        var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(UsageBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/usage/entities/bulk", Samples.Bulk(
            Usage("acme@2026-11-01", "acme", 5, "2026-11-01T00:00:00Z", """["chat","ide"]""", "\"first\""),
            Usage("acme@2026-11-02", "acme", 10, "2026-11-02T00:00:00Z", """["ide"]""", "\"\""),
            Usage("acme@2026-11-03", "acme", 15, "2026-11-03T00:00:00Z", "[]", "null"),
            Usage("beta@2026-11-01", "beta", 1, "2026-11-01T00:00:00Z", """["chat"]""", null),
            Usage("beta@2026-11-24", "beta", 20, "2026-11-24T12:00:00Z", """["agent"]""", null)));
        port.Time.Advance(TimeSpan.FromHours(1));
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/usage/entities",
            Usage("gamma@2026-11-25", "gamma-labs", 7, "2026-11-25T08:00:00Z", """["chat","agent"]""", null, "gamma"));
        return port;
    }

    private static string Usage(string id, string org, int users, string day, string tags, string? note, string? title = null)
    {
        var properties = new JsonObject
        {
            ["org"] = org,
            ["users"] = users,
            ["day"] = day,
            ["tags"] = JsonNode.Parse(tags),
        };
        if (note is not null)
        {
            properties["note"] = JsonNode.Parse(note);
        }

        return new JsonObject { ["identifier"] = id, ["title"] = title ?? id, ["properties"] = properties }.ToJsonString();
    }
}
