using System.Text.Json.Nodes;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Fits a dashboard page to the GitHub scope the settings ingest: every <c>scope_type =</c> rule of every widget (dataset
/// and table filters, however deep) gets <see cref="Enterprise"/> when <c>GITHUB_ENTERPRISE</c> is set, else <see cref="Organization"/>.
/// With an enterprise each person counts once; with organizations only, a person seated in two counts in both.
/// </summary>
public static class DashboardScope
{
    public const string Organization = "org";
    public const string Enterprise = "enterprise";
    public const string Property = "scope_type";

    public static string ScopeTypeFor(bool enterpriseConfigured) => enterpriseConfigured ? Enterprise : Organization;

    /// <summary>Rewrites the page in place; returns how many rules were set.</summary>
    public static int Fit(JsonNode? node, string scopeType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scopeType);
        var count = 0;
        switch (node)
        {
            case JsonObject rule when IsScopeRule(rule):
                rule["value"] = scopeType;
                return 1;
            case JsonObject members:
                foreach (var member in members.ToList())
                {
                    count += Fit(member.Value, scopeType);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    count += Fit(item, scopeType);
                }

                break;
            default:
                break;
        }

        return count;
    }

    private static bool IsScopeRule(JsonObject rule) =>
        rule["property"] is JsonValue property && property.TryGetValue<string>(out var name) && name == Property
        && rule["operator"] is JsonValue op && op.TryGetValue<string>(out var text) && text == "=";
}
