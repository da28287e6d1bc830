using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Tests.Support;

/// <summary>Blueprints and entities the tests share.</summary>
internal static class Samples
{
    /// <summary>A blueprint with one property of each rule kind the validator checks.</summary>
    public const string SeatsBlueprint = """
        {
          "identifier": "seats",
          "title": "Seats",
          "icon": "Github",
          "schema": {
            "properties": {
              "total": { "type": "number", "title": "Total", "minimum": 0, "maximum": 100000 },
              "plan": { "type": "string", "enum": ["business", "enterprise"] },
              "snapshot_date": { "type": "string", "format": "date-time" },
              "billing_url": { "type": "string", "format": "url" },
              "owner_email": { "type": "string", "format": "email" },
              "org": { "type": "string", "minLength": 2, "maxLength": 39, "pattern": "^[a-z0-9-]+$" },
              "active": { "type": "boolean" },
              "editors": { "type": "array", "items": { "type": "string" } },
              "breakdown": { "type": "object" }
            },
            "required": ["total"]
          },
          "relations": {}
        }
        """;

    public const string TeamBlueprint = """
        {
          "identifier": "team",
          "title": "Team",
          "schema": { "properties": { "size": { "type": "number" } }, "required": [] },
          "relations": {}
        }
        """;

    /// <summary>Members relate to one required team and to many optional teams.</summary>
    public const string MemberBlueprint = """
        {
          "identifier": "member",
          "title": "Member",
          "schema": { "properties": { "login": { "type": "string" } }, "required": [] },
          "relations": {
            "home_team": { "title": "Home team", "target": "team", "required": true, "many": false },
            "teams": { "title": "Teams", "target": "team", "required": false, "many": true }
          }
        }
        """;

    public static string Seat(string identifier, int total = 10, string extra = "") =>
        "{\"identifier\":\"" + identifier + "\",\"title\":\"Seats " + identifier + "\",\"properties\":{\"total\":" + total + extra + "}}";

    public static string Bulk(params string[] entities) => "{\"entities\":[" + string.Join(",", entities) + "]}";

    public static string Ids(JsonObject searchResponse) =>
        string.Join(",", searchResponse["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()));
}
