namespace CopilotIngest.GitHub.Auth;

/// <summary>An installation access token (opaque, any length), when GitHub expires it, and the permissions it carries.</summary>
internal sealed record InstallationToken(long InstallationId, string Token, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Permissions);
