using System.Text.Json.Nodes;
using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Mapping;

/// <summary>Writes enabled/active user counts as <c>&lt;app&gt;_enabled_users</c> / <c>&lt;app&gt;_active_users</c> properties.</summary>
internal static class AppCountProperties
{
    public const string AnyApp = "any_app";

    public static void Add(JsonObject properties, AppUserCount anyApp, IReadOnlyDictionary<string, AppUserCount> apps)
    {
        Add(properties, AnyApp, anyApp);
        foreach (var app in CopilotApp.All)
        {
            if (apps.TryGetValue(app.Key, out var count))
            {
                Add(properties, app.Key, count);
            }
        }
    }

    private static void Add(JsonObject properties, string key, AppUserCount count)
    {
        properties[key + "_enabled_users"] = count.Enabled;
        properties[key + "_active_users"] = count.Active;
    }
}
