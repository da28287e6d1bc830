using System.Net.Http.Headers;

namespace CopilotIngest.Port.Http;

/// <summary>A Port access token and when to replace it. <see cref="ToString"/> never shows the token.</summary>
internal sealed class PortAccessToken(string tokenType, string accessToken, DateTimeOffset expiresAt, DateTimeOffset refreshAt)
{
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public DateTimeOffset RefreshAt { get; } = refreshAt;

    public AuthenticationHeaderValue ToHeader() => new(tokenType, accessToken);

    public override string ToString() => $"Port access token ({tokenType}, expires {ExpiresAt:O})";
}
