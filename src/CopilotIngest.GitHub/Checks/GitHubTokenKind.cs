namespace CopilotIngest.GitHub.Checks;

/// <summary>What kind of token <c>GITHUB_TOKEN</c> is, by GitHub's documented prefixes.</summary>
internal static class GitHubTokenKind
{
    public static string Describe(string? token) => token switch
    {
        null or "" => "no token",
        _ when token.StartsWith("ghp_", StringComparison.Ordinal) => "classic personal access token",
        _ when token.StartsWith("github_pat_", StringComparison.Ordinal) => "fine-grained personal access token",
        _ when token.StartsWith("ghs_", StringComparison.Ordinal) => "GitHub App installation token",
        _ when token.StartsWith("ghu_", StringComparison.Ordinal) => "GitHub App user token",
        _ when token.StartsWith("gho_", StringComparison.Ordinal) => "OAuth app token",
        _ => "token of unknown type",
    };
}
