using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Simulation.Graph;

/// <summary>
/// The Entra ID token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials) of the simulated tenant:
/// client secret or client assertion (certificate or federated token), with Entra's error answers.
/// </summary>
internal sealed class SimulatedTokenEndpoint(SimulatedGraphOptions options, string tenantId, string clientId, string clientSecret)
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);

    public int Issued => _tokens.Count;

    public bool IsValid(string token) =>
        _tokens.TryGetValue(token, out var expires) && expires > options.TimeProvider.GetUtcNow();

    public async Task HandleAsync(HttpContext context, string tenant)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!string.Equals(tenant, tenantId, StringComparison.OrdinalIgnoreCase) && !string.Equals(tenant, options.TenantDomain + ".onmicrosoft.com", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
            return;
        }

        if (form["grant_type"] != "client_credentials")
        {
            await ErrorAsync(context, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
            return;
        }

        if (form["client_id"] != clientId)
        {
            await ErrorAsync(context, 400, "unauthorized_client", 700016, $"Application with identifier '{form["client_id"]}' was not found in the directory '{tenant}'.");
            return;
        }

        var scope = form["scope"].ToString();
        if (!scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 400, "invalid_scope", 70011, $"The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid.");
            return;
        }

        var problem = CheckCredential(form);
        if (problem is not null)
        {
            await ErrorAsync(context, 401, "invalid_client", problem.Value.Code, problem.Value.Message);
            return;
        }

        var now = options.TimeProvider.GetUtcNow();
        var token = AccessToken(scope[..^"/.default".Length], now);
        _tokens[token] = now + options.TokenLifetime;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("token_type", "Bearer");
        json.WriteNumber("expires_in", (long)options.TokenLifetime.TotalSeconds);
        json.WriteNumber("ext_expires_in", (long)options.TokenLifetime.TotalSeconds);
        json.WriteString("access_token", token);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>A JWT shaped like Entra ID's app-only tokens (<c>roles</c> = the consented permissions); its signature is random, not verifiable.</summary>
    private string AccessToken(string audience, DateTimeOffset now)
    {
        var header = Base64Url("""{"typ":"JWT","alg":"RS256","kid":"simulated"}"""u8.ToArray());
        using var payload = new MemoryStream();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("aud", audience);
            json.WriteString("iss", $"https://sts.windows.net/{tenantId}/");
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("nbf", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", (now + options.TokenLifetime).ToUnixTimeSeconds());
            json.WriteString("appid", clientId);
            json.WriteString("tid", tenantId);
            json.WriteString("idtyp", "app");
            json.WriteStartArray("roles");
            foreach (var role in options.Permissions.Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return $"{header}.{Base64Url(payload.ToArray())}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private (int Code, string Message)? CheckCredential(IFormCollection form)
    {
        if (form.TryGetValue("client_secret", out var secret))
        {
            return secret == clientSecret ? null : (7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
        }

        if (form["client_assertion_type"] != AssertionType || form["client_assertion"].ToString() is not { Length: > 0 } assertion)
        {
            return (7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not { } header)
        {
            return (50027, "JWT token is invalid or malformed.");
        }

        using var document = JsonDocument.Parse(header);
        var namesCertificate = document.RootElement.TryGetProperty("x5t", out _) || document.RootElement.TryGetProperty("x5t#S256", out _);
        if (namesCertificate && options.ClientCertificate is { } certificate && !SignedBy(parts, document.RootElement, certificate))
        {
            return (700027, "Client assertion failed signature validation.");
        }

        return null;
    }

    private static bool SignedBy(string[] parts, JsonElement header, X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPublicKey();
        if (key is null || Base64UrlDecode(parts[2]) is not { } signature)
        {
            return false;
        }

        var data = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var padding = header.TryGetProperty("alg", out var alg) && alg.GetString() == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, padding);
    }

    private static string? Decode(string part) => Base64UrlDecode(part) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static byte[]? Base64UrlDecode(string part)
    {
        try
        {
            return Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task ErrorAsync(HttpContext context, int status, string error, int code, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var now = options.TimeProvider.GetUtcNow();
        var trace = Guid.NewGuid().ToString();
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("error_description", $"AADSTS{code}: {description}\r\nTrace ID: {trace}\r\nCorrelation ID: {trace}\r\nTimestamp: {now:yyyy-MM-dd HH:mm:ss}Z");
        json.WriteStartArray("error_codes");
        json.WriteNumberValue(code);
        json.WriteEndArray();
        json.WriteString("timestamp", now.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("trace_id", trace);
        json.WriteString("correlation_id", trace);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
