namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// Which classic token scopes each simulated endpoint accepts (GitHub's REST documentation): organization seats and
/// billing <c>manage_billing:copilot</c> or <c>read:org</c>, organization usage metrics <c>read:org</c>, enterprise
/// seats and usage metrics <c>manage_billing:copilot</c> or <c>read:enterprise</c>.
/// </summary>
public static class SimulatedTokenScopes
{
    public static IReadOnlyList<string> Full { get; } = ["manage_billing:copilot", "read:enterprise", "read:org"];

    /// <summary>The scopes any one of which lets a token read the path's segments; empty when the path needs none.</summary>
    public static IReadOnlyList<string> Accepted(string[] segments) => segments switch
    {
        ["orgs", _, "copilot", "metrics", ..] => ["read:org"],
        ["orgs", _, "copilot", "billing", ..] or ["organizations", _, "copilot", "billing", ..] => ["manage_billing:copilot", "read:org"],
        ["enterprises", _, "copilot", ..] => ["manage_billing:copilot", "read:enterprise"],
        _ => [],
    };

    /// <summary>Whether <paramref name="scopes"/> grant <paramref name="scope"/>, directly or through the broader admin scope.</summary>
    public static bool Grants(IReadOnlyCollection<string> scopes, string scope) => scope switch
    {
        "read:org" => scopes.Contains("read:org") || scopes.Contains("write:org") || scopes.Contains("admin:org"),
        "read:enterprise" => scopes.Contains("read:enterprise") || scopes.Contains("admin:enterprise"),
        _ => scopes.Contains(scope),
    };
}
