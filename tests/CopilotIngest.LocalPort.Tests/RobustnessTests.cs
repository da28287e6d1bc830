using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

/// <summary>Mutated and truncated versions of valid bodies: every answer is Port-shaped and none is a 500.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string, string> ValidBodies => new()
    {
        { "POST", "/v1/blueprints", """{"identifier":"x","title":"X","schema":{"properties":{"n":{"type":"number","minimum":0},"s":{"type":"string","enum":["a"],"format":"url"},"l":{"type":"array","items":{"type":"string"}}},"required":["n"]},"relations":{"r":{"target":"seats","required":false,"many":true}},"mirrorProperties":{"m":{"path":"r.total"}},"calculationProperties":{"c":{"type":"number","calculation":"1"}},"aggregationProperties":{"g":{"title":"G","target":"seats","calculationSpec":{"func":"count","calculationBy":"entities"}}}}""" },
        { "PATCH", "/v1/blueprints/seats", """{"title":"S","schema":{"properties":{"extra":{"type":"string"}}},"relations":{}}""" },
        { "POST", "/v1/blueprints/seats/entities?upsert=true&merge=true", """{"identifier":"a","title":"A","icon":"Github","team":["t"],"properties":{"total":1,"plan":"business","editors":["x"],"breakdown":{"k":1}},"relations":{}}""" },
        { "POST", "/v1/blueprints/seats/entities/bulk?upsert=true", """{"entities":[{"identifier":"a","properties":{"total":1}},{"identifier":"b","properties":{"total":2,"snapshot_date":"2026-11-25T00:00:00Z"}}]}""" },
        { "POST", "/v1/blueprints/seats/bulk/entities/delete", """{"entities":["a","b"]}""" },
        { "POST", "/v1/blueprints/seats/entities/search", """{"query":{"combinator":"and","rules":[{"property":"total","operator":">","value":1},{"combinator":"or","rules":[{"property":"snapshot_date","operator":"between","value":{"preset":"lastWeek"}},{"property":"plan","operator":"in","value":["business"]}]}]},"include":["$identifier"],"limit":5}""" },
        { "POST", "/v1/entities/search", """{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"seats"},{"operator":"relatedTo","blueprint":"seats","value":["a"]}]}""" },
        { "POST", "/v1/pages", """{"identifier":"p","title":"P","type":"dashboard","widgets":[{"id":"d","type":"dashboard-widget","layout":[{"height":400,"columns":[{"id":"w","size":12}]}],"widgets":[{"id":"w","type":"table-entities-explorer","blueprint":"seats"}]}]}""" },
        { "POST", "/v1/blueprints/seats/scorecards", """{"identifier":"s","title":"S","levels":[{"title":"Basic","color":"paleBlue"},{"title":"Gold","color":"gold"}],"filter":{"combinator":"and","conditions":[{"property":"total","operator":">","value":0}]},"rules":[{"identifier":"r","title":"R","level":"Gold","query":{"combinator":"and","conditions":[{"property":"$title","operator":"isNotEmpty"}]}}]}""" },
        { "POST", "/v1/auth/access_token", """{"clientId":"test-client","clientSecret":"test-secret"}""" },
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task Route_MutatedBodies_NeverAnswer500(string method, string path, string valid)
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        var failures = new List<string>();

        foreach (var body in Variants(valid))
        {
            using var response = await port.SendAsync(new HttpMethod(method), path, body);
            var status = (int)response.StatusCode;
            var answer = await TestPort.ReadAsync(response);
            var shaped = status < 400 || (answer["ok"]?.GetValue<bool>() == false && answer["error"] is not null && answer["message"] is not null);
            if (status >= 500 || !shaped)
            {
                failures.Add($"{status} for {body}: {answer.ToJsonString()}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The valid body; its truncations; and, for every node, the body with that node replaced by each other JSON kind.</summary>
    private static IEnumerable<string> Variants(string valid)
    {
        yield return valid;
        for (var cut = 1; cut < valid.Length; cut += Math.Max(1, valid.Length / 12))
        {
            yield return valid[..cut];
        }

        var root = JsonNode.Parse(valid)!;
        var paths = new List<JsonNode>();
        Collect(root, paths);
        JsonNode?[] replacements = [null, 0, -1.5, "", "x y", true, new JsonArray(), new JsonObject(), new JsonArray(1, "a"), new JsonObject { ["k"] = "v" }];
        for (var i = 0; i < paths.Count; i++)
        {
            foreach (var replacement in replacements)
            {
                var copy = JsonNode.Parse(valid)!;
                var targets = new List<JsonNode>();
                Collect(copy, targets);
                var target = targets[i];
                var value = replacement?.DeepClone();
                switch (target.Parent)
                {
                    case JsonObject parent:
                        parent[target.GetPropertyName()] = value;
                        break;
                    case JsonArray array:
                        array[target.GetElementIndex()] = value;
                        break;
                    default:
                        continue;
                }

                yield return copy.ToJsonString();
            }
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            Collect(child, nodes);
        }
    }
}
