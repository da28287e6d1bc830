using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Auth;

/// <summary>
/// The GitHub App installation that serves a scope, and the permissions GitHub granted its current token
/// (from the <c>access_tokens</c> answer, e.g. <c>organization_copilot_seat_management: read</c>).
/// </summary>
public sealed record GitHubAppInstallation(SeatScope Scope, long InstallationId, IReadOnlyDictionary<string, string> Permissions, DateTimeOffset TokenExpiresAt);
