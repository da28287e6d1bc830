using CopilotIngest.GitHub.Options;

namespace CopilotIngest.GitHub.Checks;

/// <summary>
/// The classic-token scopes the configured organizations and enterprise need (GitHub's REST documentation): organization
/// seats need <c>manage_billing:copilot</c> or <c>read:org</c> and organization usage metrics <c>read:org</c>, so
/// organizations need <c>read:org</c>; enterprise seats and metrics need <c>manage_billing:copilot</c> or <c>read:enterprise</c>.
/// </summary>
internal static class GitHubScopeRequirements
{
    /// <summary>One requirement: any of <see cref="AnyOf"/> satisfies it.</summary>
    public sealed record Requirement(string Name, IReadOnlyList<string> AnyOf, string Why);

    public static IEnumerable<Requirement> For(GitHubOptions options)
    {
        if (options.Organizations.Count > 0)
        {
            yield return new Requirement("read:org", ["read:org"], $"{GitHubSettingNames.Organizations}: seats and usage metrics of organizations");
        }

        if (options.Enterprise is not null)
        {
            yield return new Requirement("manage_billing:copilot or read:enterprise", ["manage_billing:copilot", "read:enterprise"], $"{GitHubSettingNames.Enterprise}: seats and usage metrics of the enterprise");
        }
    }

    /// <summary>Whether the token's scopes grant <paramref name="scope"/>, directly or through a broader scope (admin:org grants read:org).</summary>
    public static bool Grants(IReadOnlyCollection<string> scopes, string scope) => scope switch
    {
        "read:org" => scopes.Contains("read:org") || scopes.Contains("write:org") || scopes.Contains("admin:org"),
        "read:enterprise" => scopes.Contains("read:enterprise") || scopes.Contains("admin:enterprise"),
        _ => scopes.Contains(scope),
    };
}
