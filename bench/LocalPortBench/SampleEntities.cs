using System.Globalization;
using System.Text.Json.Nodes;

namespace LocalPortBench;

/// <summary>m365_copilot_user entities shaped like the M365 data set writes them; identifiers share the prefix <see cref="Prefix"/>.</summary>
internal static class SampleEntities
{
    public const string Blueprint = "m365_copilot_user";
    public const string Prefix = "contoso@";

    private static readonly string[] s_apps = ["teams", "word", "excel", "outlook", "copilot_chat"];

    /// <summary>The identifier of entity <paramref name="index"/>: scrambled so inserts land all over the key range, as real UPNs do.</summary>
    public static string Identifier(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}user-{(uint)(index * 2654435761u):x8}.{index}");

    /// <summary>Entity <paramref name="index"/> as of report <paramref name="generation"/> (a later report changes every entity).</summary>
    public static JsonObject Entity(int index, int generation)
    {
        var active = index % 3 != 0;
        var apps = new JsonArray([.. s_apps.Where((_, i) => active && (index + i) % 2 == 0).Select(a => (JsonNode)a)]);
        var properties = new JsonObject
        {
            ["tenant"] = "contoso",
            ["identity"] = "upn",
            ["upn"] = string.Create(CultureInfo.InvariantCulture, $"user{index}@contoso.com"),
            ["display_name"] = string.Create(CultureInfo.InvariantCulture, $"User {index}"),
            ["report_refresh_date"] = string.Create(CultureInfo.InvariantCulture, $"2026-11-{24 + generation}T00:00:00Z"),
            ["report_period"] = "D7",
            ["last_activity_date"] = active ? "2026-11-22T00:00:00Z" : null,
            ["days_since_last_activity"] = active ? 2 : null,
            ["active_in_period"] = active,
            ["active_apps"] = apps,
            ["active_app_count"] = apps.Count,
            ["teams_last_activity_date"] = active ? "2026-11-20T00:00:00Z" : null,
            ["teams_active_in_period"] = active,
            ["word_last_activity_date"] = null,
            ["word_active_in_period"] = false,
        };
        return new JsonObject
        {
            ["identifier"] = Identifier(index),
            ["title"] = string.Create(CultureInfo.InvariantCulture, $"User {index}"),
            ["properties"] = properties,
            ["relations"] = new JsonObject(),
        };
    }
}
