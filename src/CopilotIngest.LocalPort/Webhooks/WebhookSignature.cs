using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.LocalPort.Webhooks;

/// <summary>
/// Checks a webhook request against the integration's <c>security</c>: <c>sha256</c> compares the header (after
/// <c>signaturePrefix</c>) with the lowercase hex HMAC of the raw body keyed with <c>secret</c>; <c>plain</c> compares the
/// header with the secret. No secret or no algorithm: nothing is checked (Port's <c>security: {}</c>); <c>sha1</c> is not supported here and always fails.
/// </summary>
internal static class WebhookSignature
{
    public static bool IsValid(JsonObject? security, IHeaderDictionary headers, byte[] body)
    {
        if (security is null || !Problems.IsString(security["secret"], out var secret) || secret.Length == 0
            || !Problems.IsString(security["signatureAlgorithm"], out var algorithm))
        {
            return true;
        }

        var headerName = Problems.IsString(security["signatureHeaderName"], out var name) ? name : string.Empty;
        var given = headers[headerName].ToString();
        if (given.Length == 0)
        {
            return false;
        }

        if (Problems.IsString(security["signaturePrefix"], out var prefix) && prefix.Length > 0)
        {
            if (!given.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }

            given = given[prefix.Length..];
        }

        var key = Encoding.UTF8.GetBytes(secret);
        var expected = algorithm switch
        {
            "sha256" => Convert.ToHexStringLower(HMACSHA256.HashData(key, body)),
            "plain" => secret,
            _ => null,
        };
        return expected is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(algorithm == "plain" ? given : given.ToLowerInvariant()));
    }
}
