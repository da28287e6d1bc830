using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;

namespace CopilotIngest.Port.Tests.Fakes;

internal static class TestEntities
{
    public const string Blueprint = "github_copilot_usage";

    public static PortEntity Entity(string identifier, int value = 1, string? padding = null)
    {
        var properties = new JsonObject { ["total_active_users"] = value, ["record_date"] = "2026-11-23T00:00:00Z" };
        if (padding is not null)
        {
            properties["breakdown"] = padding;
        }

        return new PortEntity(Blueprint, identifier, $"Usage {identifier}", properties, new JsonObject { ["org"] = "acme" });
    }

    public static IReadOnlyList<PortEntity> Many(int count, string prefix = "acme@") =>
        [.. Enumerable.Range(0, count).Select(i => Entity($"{prefix}{i:D4}", i))];

    public static async IAsyncEnumerable<PortEntity> Stream(IEnumerable<PortEntity> entities)
    {
        foreach (var entity in entities)
        {
            await Task.Yield();
            yield return entity;
        }
    }
}
