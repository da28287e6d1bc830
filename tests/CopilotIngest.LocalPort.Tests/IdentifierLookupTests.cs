using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Tests.Support;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Tests;

/// <summary>
/// Searches bounded by <c>$identifier =</c>/<c>in</c> rules read rows by primary key; they must answer exactly what the general
/// evaluator answers over a full scan. The reference wraps the query in an <c>or</c> with a rule that matches nothing and is
/// not bounded, which forces the scan.
/// </summary>
public sealed class IdentifierLookupTests
{
    private const string Search = "/v1/blueprints/seats/entities/search";
    private const string DateTimeIdentifier = "2026-11-25T00:00:00Z";
    private const string LetterIdentifier = "zürich@1";

    public static TheoryData<string, string, bool> Queries => new()
    {
        // The sink's comparison lookup: unknown and duplicate identifiers, out of order.
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["org05","org01","org05","ghost","org39"]}]}""", "org01,org05,org39", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"org07"}]}""", "org07", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"ghost"}]}""", "", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":7}]}""", "", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":null}]}""", "", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":[]}]}""", "", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":[1,true,{"a":"org01"},["org01"],"org02"]}]}""", "org02", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["org01","org02","org03","org04","org05","org06","org07","org08","org09","org10"]},{"property":"total","operator":">=","value":5}]}""", "org05,org06,org07,org08,org09,org10", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["org01","org11","org21","zürich@1"]},{"property":"$identifier","operator":"beginsWith","value":"org1"}]}""", "org11", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["org01","org02","org03"]},{"property":"$identifier","operator":"in","value":["org02","org03","org04"]}]}""", "org02,org03", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["org01","org02"]},{"property":"$identifier","operator":"!=","value":"org01"}]}""", "org02", true },
        { """{"combinator":"or","rules":[{"property":"$identifier","operator":"in","value":["org01","org02"]},{"property":"$identifier","operator":"=","value":"org30"}]}""", "org01,org02,org30", true },
        { """{"combinator":"or","rules":[{"property":"$identifier","operator":"in","value":["org01"]},{"property":"total","operator":"=","value":39}]}""", "org01,org39", false },
        { """{"combinator":"and","rules":[{"combinator":"or","rules":[{"property":"$identifier","operator":"in","value":["org01","org02","org03"]},{"property":"$identifier","operator":"=","value":"org20"}]},{"property":"total","operator":">","value":1}]}""", "org02,org03,org20", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"containsAny","value":["org03","ghost"]}]}""", "org03", true },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["zürich@1","org00"]}]}""", "org00,zürich@1", true },
        // A date-time value equals every identifier naming the same instant: not bounded, answered by the scan.
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"2026-11-25T00:00:00.000Z"}]}""", DateTimeIdentifier, false },
        { """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["2026-11-25T01:00:00+01:00","org01"]}]}""", DateTimeIdentifier + ",org01", false },
        { """{"combinator":"and","rules":[{"property":"total","operator":"=","value":7},{"property":"$identifier","operator":"beginsWith","value":"org"}]}""", "org07", false },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_IdentifierRules_MatchTheFullScan(string query, string expected, bool bounded)
    {
        await using var port = await StartWithSeatsAsync();

        var fast = await SearchAsync(port, query, 1000, null);
        var reference = await SearchAsync(port, ScanOnly(query), 1000, null);

        Assert.Equal(bounded, IdentifierCandidates.Of(Parse(query)) is not null);
        Assert.Null(IdentifierCandidates.Of(Parse(ScanOnly(query))));
        Assert.Equal(expected, Samples.Ids(fast));
        Assert.Equal(Samples.Ids(reference), Samples.Ids(fast));
        Assert.Null(fast["next"]);
    }

    [Fact]
    public async Task Search_IdentifierInAcrossPages_FollowsCursorsLikeTheScan()
    {
        await using var port = await StartWithSeatsAsync();
        var ids = new JsonArray();
        foreach (var i in new[] { 38, 3, 17, 3, 25, 0, 11, 39, 12, 7, 30, 21, 21, 5, 16, 29, 33, 1, 8, 19 })
        {
            ids.Add($"org{i:D2}");
        }

        ids.Add("ghost");
        ids.Add(LetterIdentifier);
        ids.Add(DateTimeIdentifier);
        var query = new JsonObject
        {
            ["combinator"] = "and",
            ["rules"] = new JsonArray(new JsonObject { ["property"] = "$identifier", ["operator"] = "in", ["value"] = ids }),
        }.ToJsonString();

        var fast = await PagesAsync(port, query);
        var reference = await PagesAsync(port, ScanOnly(query));

        Assert.Equal(reference, fast);
        Assert.Equal(4, fast.Count);
        Assert.Equal(
            DateTimeIdentifier + ",org00,org01,org03,org05,org07,org08,org11,org12,org16,org17,org19,org21,org25,org29,org30,org33,org38,org39," + LetterIdentifier,
            string.Join(",", fast));
    }

    [Fact]
    public async Task Search_IdentifierInWithCursorOfAnotherQuery_StartsAfterThatIdentifier()
    {
        await using var port = await StartWithSeatsAsync();
        var first = await SearchAsync(port, """{"combinator":"and","rules":[]}""", 10, null);
        var cursor = first["next"]!.GetValue<string>();
        const string Query = """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["org02","org09","org10","org30"]}]}""";

        var fast = await SearchAsync(port, Query, 1000, cursor);
        var reference = await SearchAsync(port, ScanOnly(Query), 1000, cursor);

        Assert.Equal("org08", first["entities"]!.AsArray()[^1]!["identifier"]!.GetValue<string>());
        Assert.Equal("org09,org10,org30", Samples.Ids(fast));
        Assert.Equal(Samples.Ids(reference), Samples.Ids(fast));
    }

    [Fact]
    public async Task SearchAll_IdentifierIn_FindsTheEntitiesInEachBlueprint()
    {
        await using var port = await StartWithSeatsAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities/bulk", Samples.Bulk("""{"identifier":"org01"}""", """{"identifier":"platform"}"""));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/entities/search?include=$identifier&include=$blueprint",
            """{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["platform","org01","ghost"]}]}""");

        Assert.Equal(200, status);
        Assert.Equal(
            """[{"identifier":"org01","blueprint":"seats"},{"identifier":"org01","blueprint":"team"},{"identifier":"platform","blueprint":"team"}]""",
            body["entities"]!.ToJsonString());
    }

    [Fact]
    public async Task Upsert_RelationGivenAsIdentifierQuery_RelatesTheEntitiesFound()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.TeamBlueprint);
        await port.CreateBlueprintAsync(Samples.MemberBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/team/entities/bulk", Samples.Bulk("""{"identifier":"platform"}""", """{"identifier":"data"}""", """{"identifier":"web"}"""));

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/member/entities", """
            {"identifier":"adele","relations":{
              "home_team":{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"web"}]},
              "teams":{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["platform","ghost","data"]}]}}}
            """);

        Assert.True(status == 201, body.ToJsonString());
        Assert.Equal("""{"home_team":"web","teams":["data","platform"]}""", body["entity"]!["relations"]!.ToJsonString());
    }

    [Fact]
    public void Of_QueryShapes_BoundOnlyWhatIdentifierRulesBound()
    {
        Assert.Null(IdentifierCandidates.Of(Parse("""{"combinator":"and","rules":[]}""")));
        Assert.Null(IdentifierCandidates.Of(Parse("""{"combinator":"or","rules":[]}""")));
        Assert.Null(IdentifierCandidates.Of(Parse("""{"combinator":"and","rules":[{"property":"$title","operator":"in","value":["a"]}]}""")));
        Assert.Null(IdentifierCandidates.Of(Parse("""{"combinator":"and","rules":[{"property":"$identifier","operator":"notIn","value":["a"]}]}""")));
        Assert.Null(IdentifierCandidates.Of(Parse("""{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"team","value":"a"}]}""")));
        Assert.Equal(["a", "b"], Sorted("""{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["b","a","b"]},{"property":"total","operator":">","value":1}]}"""));
        Assert.Equal(["b"], Sorted("""{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["a","b"]},{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"b"}]}]}"""));
        Assert.Equal(["a", "c"], Sorted("""{"combinator":"or","rules":[{"property":"$identifier","operator":"=","value":"c"},{"property":"$identifier","operator":"in","value":["a"]}]}"""));
        Assert.Empty(Sorted("""{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["a"]},{"property":"$identifier","operator":"=","value":"b"}]}"""));
    }

    private static string[] Sorted(string query) => [.. IdentifierCandidates.Of(Parse(query))!.Order(StringComparer.Ordinal)];

    private static SearchNode Parse(string query)
    {
        var problems = new Problems();
        var node = SearchQueryParser.Parse(JsonNode.Parse(query), "query", problems);
        Assert.True(node is not null, problems.ToString());
        return node!;
    }

    /// <summary>The same query, answered by the full scan: <c>or</c> with a rule that matches nothing and bounds nothing.</summary>
    private static string ScanOnly(string query) =>
        $$"""{"combinator":"or","rules":[{{query}},{"property":"$title","operator":"=","value":"no entity has this title"}]}""";

    private static async Task<JsonObject> SearchAsync(TestPort port, string query, int limit, string? from)
    {
        var request = new JsonObject { ["query"] = JsonNode.Parse(query), ["include"] = new JsonArray("$identifier"), ["limit"] = limit };
        if (from is not null)
        {
            request["from"] = from;
        }

        var (status, body) = await port.CallAsync(HttpMethod.Post, Search, request.ToJsonString());
        Assert.True(status == 200, body.ToJsonString());
        return body;
    }

    /// <summary>Follows <c>next</c> with 6 entities a page; returns each page's identifiers.</summary>
    private static async Task<List<string>> PagesAsync(TestPort port, string query)
    {
        var pages = new List<string>();
        string? from = null;
        do
        {
            var body = await SearchAsync(port, query, 6, from);
            pages.Add(Samples.Ids(body));
            from = body["next"]?.GetValue<string>();
        }
        while (from is not null);

        return pages;
    }

    /// <summary>Seats org00..org39 (total = number), one seat whose identifier is a date-time, and one with a non-ASCII letter.</summary>
    private static async Task<TestPort> StartWithSeatsAsync()
    {
        var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        for (var batch = 0; batch < 2; batch++)
        {
            var entities = Enumerable.Range(batch * 20, 20).Select(i => Samples.Seat($"org{i:D2}", i));
            var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk?upsert=true", Samples.Bulk([.. entities]));
            Assert.True(status == 200, body.ToJsonString());
        }

        var (extraStatus, extra) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk",
            Samples.Bulk(Samples.Seat(DateTimeIdentifier, 7), Samples.Seat(LetterIdentifier, 3)));
        Assert.True(extraStatus == 200, extra.ToJsonString());
        return port;
    }
}
