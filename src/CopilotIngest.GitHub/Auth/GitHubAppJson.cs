using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Auth;

/// <summary>An installation as <c>GET /orgs/{org}/installation</c> and <c>GET /app/installations</c> return it (the fields read).</summary>
internal sealed record InstallationJson(long Id, InstallationAccountJson? Account, string? TargetType);

/// <summary>The account an App is installed on: an organization has a <c>login</c>, an enterprise a <c>slug</c>.</summary>
internal sealed record InstallationAccountJson(string? Login, string? Slug);

/// <summary>The answer of <c>POST /app/installations/{id}/access_tokens</c> (the fields read).</summary>
internal sealed record AccessTokenJson(string? Token, DateTimeOffset? ExpiresAt, Dictionary<string, string>? Permissions);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(InstallationJson))]
[JsonSerializable(typeof(List<InstallationJson>))]
[JsonSerializable(typeof(AccessTokenJson))]
internal sealed partial class GitHubAppJsonContext : JsonSerializerContext;
