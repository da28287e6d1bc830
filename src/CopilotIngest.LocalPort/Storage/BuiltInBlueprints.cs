using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Storage;

/// <summary>
/// Port's system blueprints, present in every Port organization (<c>_user</c>, <c>_team</c>): blueprints of ours may
/// relate to them, so the local Port has them from its first start.
/// </summary>
internal static class BuiltInBlueprints
{
    public static async Task EnsureAsync(DbSession session, CancellationToken cancellationToken)
    {
        foreach (var blueprint in Definitions())
        {
            var identifier = blueprint["identifier"]!.GetValue<string>();
            if (!await BlueprintRows.ExistsAsync(session, identifier, cancellationToken))
            {
                await BlueprintRows.PutAsync(session, identifier, blueprint, cancellationToken);
            }
        }
    }

    private static IEnumerable<JsonObject> Definitions() =>
    [
        new JsonObject
        {
            ["identifier"] = "_user",
            ["title"] = "User",
            ["icon"] = "User",
            ["schema"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["status"] = new JsonObject { ["type"] = "string", ["title"] = "Status", ["enum"] = new JsonArray("Active", "Invited", "Disabled") },
                    ["port_type"] = new JsonObject { ["type"] = "string", ["title"] = "User type", ["enum"] = new JsonArray("Admin", "Member", "Guest") },
                },
                ["required"] = new JsonArray(),
            },
            ["relations"] = new JsonObject(),
        },
        new JsonObject
        {
            ["identifier"] = "_team",
            ["title"] = "Team",
            ["icon"] = "Team",
            ["schema"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["description"] = new JsonObject { ["type"] = "string", ["title"] = "Description" },
                    ["size"] = new JsonObject { ["type"] = "number", ["title"] = "Size" },
                },
                ["required"] = new JsonArray(),
            },
            ["relations"] = new JsonObject(),
        },
    ];
}
