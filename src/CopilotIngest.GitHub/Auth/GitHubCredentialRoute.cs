using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;

namespace CopilotIngest.GitHub.Auth;

/// <summary>Which credential a GitHub API request carries.</summary>
internal enum GitHubCredentialKind
{
    /// <summary>No credential (no scope and no <c>GITHUB_TOKEN</c>).</summary>
    None,

    /// <summary><c>GITHUB_TOKEN</c>.</summary>
    PersonalToken,

    /// <summary>The GitHub App's installation token for the scope.</summary>
    AppInstallation,
}

/// <summary>
/// Decides the credential of one request. Without a GitHub App everything uses <c>GITHUB_TOKEN</c>. With one, every
/// organization request and the enterprise's usage reports use the App's installation on that account; the enterprise
/// seat listing and billing usage, which GitHub documents for classic PATs only, use <c>GITHUB_TOKEN</c> when it is set (and otherwise
/// tries the enterprise installation, so an App that gains access works without a change).
/// </summary>
internal readonly record struct GitHubCredentialRoute(GitHubCredentialKind Kind, SeatScope? Scope)
{
    /// <summary>The scope a request reads, set by <see cref="GitHubClient"/> (paging links may name an organization by id only).</summary>
    public static readonly HttpRequestOptionsKey<SeatScope> ScopeOption = new("CopilotIngest.GitHub.Scope");

    public static GitHubCredentialRoute For(GitHubOptions options, SeatScope? scope, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesApp)
        {
            return new(options.Token is null ? GitHubCredentialKind.None : GitHubCredentialKind.PersonalToken, scope);
        }

        scope ??= FromPath(path);
        if (scope is null)
        {
            return new(options.Token is null ? GitHubCredentialKind.None : GitHubCredentialKind.PersonalToken, null);
        }

        if (scope.Type == SeatScopeType.Enterprise && (IsSeatListing(path) || IsBillingUsage(path)) && options.Token is not null)
        {
            return new(GitHubCredentialKind.PersonalToken, scope);
        }

        return new(GitHubCredentialKind.AppInstallation, scope);
    }

    /// <summary>Whether <paramref name="path"/> is a seat listing (<c>…/copilot/billing/seats</c>).</summary>
    public static bool IsSeatListing(string path) =>
        path.TrimEnd('/').EndsWith("/copilot/billing/seats", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is a billing usage report (<c>…/settings/billing/…</c>), which GitHub documents for classic PATs only on an enterprise.</summary>
    public static bool IsBillingUsage(string path) =>
        path.Contains("/settings/billing/", StringComparison.OrdinalIgnoreCase);

    private static SeatScope? FromPath(string path)
    {
        var segments = path.Trim('/').Split('/');
        return segments switch
        {
            ["orgs", var login, ..] when login.Length > 0 => SeatScope.Organization(Uri.UnescapeDataString(login)),
            ["enterprises", var slug, ..] when slug.Length > 0 => SeatScope.Enterprise(Uri.UnescapeDataString(slug)),
            _ => null,
        };
    }
}
