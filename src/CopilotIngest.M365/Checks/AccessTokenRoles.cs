using System.Text;
using System.Text.Json;

namespace CopilotIngest.M365.Checks;

/// <summary>Reads the <c>roles</c> claim (the granted application permissions) of an Entra ID access token, without validating it.</summary>
internal static class AccessTokenRoles
{
    /// <summary>The roles, or null when the token is not a readable JWT (Entra ID tokens for Graph are; the format is not a contract).</summary>
    public static IReadOnlyList<string>? Read(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            if (!document.RootElement.TryGetProperty("roles", out var roles))
            {
                return [];
            }

            return roles.ValueKind == JsonValueKind.Array
                ? [.. roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
