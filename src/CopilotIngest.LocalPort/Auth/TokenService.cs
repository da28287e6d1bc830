using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CopilotIngest.LocalPort.Json;

namespace CopilotIngest.LocalPort.Auth;

/// <summary>
/// Issues and checks access tokens: JWTs signed with HMAC-SHA256 under a key kept in the database (so tokens survive restarts).
/// Like Port, one credential has one active token: asking again returns the same token until it expires.
/// </summary>
internal sealed class TokenService(byte[] signingKey, string clientId, string clientSecret, TimeSpan lifetime, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset ExpiresAt)? _active;

    public static string CreateSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool CredentialsMatch(string id, string secret) =>
        FixedTimeEquals(id, clientId) & FixedTimeEquals(secret, clientSecret);

    /// <summary>Returns the active token and its remaining lifetime in whole seconds, issuing a new one when none is active.</summary>
    public (string Token, long ExpiresIn) Issue()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_active is not { } active || active.ExpiresAt - now < TimeSpan.FromSeconds(1))
            {
                var expiresAt = now + lifetime;
                active = (Sign(new TokenClaims(clientId, now.ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds(), Guid.NewGuid().ToString("N"))), expiresAt);
                _active = active;
            }

            return (active.Token, (long)Math.Floor((active.ExpiresAt - now).TotalSeconds));
        }
    }

    /// <summary>True when <paramref name="token"/> was signed here for this client and has not expired.</summary>
    public bool IsValid(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var expected = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2])))
            {
                return false;
            }

            var claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), LocalPortJsonContext.Default.TokenClaims);
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims?.ExpiresAt ?? 0);
            return claims is not null && FixedTimeEquals(claims.Subject, clientId) && timeProvider.GetUtcNow() < expiresAt;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    private string Sign(TokenClaims claims)
    {
        var header = Base64Url.EncodeToString(JsonText.ToUtf8(new TokenHeader("HS256", "JWT"), LocalPortJsonContext.Default.TokenHeader));
        var payload = Base64Url.EncodeToString(JsonText.ToUtf8(claims, LocalPortJsonContext.Default.TokenClaims));
        var signature = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(header + "." + payload));
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
