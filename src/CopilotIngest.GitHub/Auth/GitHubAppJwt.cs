using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CopilotIngest.GitHub.Auth;

/// <summary>
/// The JSON Web Token a GitHub App authenticates as itself with (RFC 7519, signed RS256 per RFC 7515):
/// <c>iat</c> a minute in the past for clock drift, <c>exp</c> nine minutes ahead (GitHub accepts at most ten),
/// <c>iss</c> the App id.
/// </summary>
internal static class GitHubAppJwt
{
    public static readonly TimeSpan IssuedAtSkew = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    private static readonly string s_header = Base64Url.EncodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8);

    public static string Create(string appId, RSA key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentNullException.ThrowIfNull(key);
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteNumber("iat", (now - IssuedAtSkew).ToUnixTimeSeconds());
            writer.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            writer.WriteString("iss", appId);
            writer.WriteEndObject();
        }

        var signingInput = s_header + "." + Base64Url.EncodeToString(payload.ToArray());
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
