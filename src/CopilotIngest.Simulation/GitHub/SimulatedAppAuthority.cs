using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// The GitHub App side of the simulated GitHub: checks App JWTs (RS256 signature with the registered public key,
/// <c>iat</c>/<c>exp</c> against the simulation's clock, at most ten minutes apart, <c>iss</c> the App id), knows one
/// installation per organization and one on the enterprise, and issues opaque installation tokens in GitHub's newer
/// long format (<c>ghs_…</c>, about 520 characters) that expire after <see cref="SimulatedGitHubOptions.InstallationTokenLifetime"/>.
/// </summary>
internal sealed class SimulatedAppAuthority : IDisposable
{
    private static readonly TimeSpan s_maxJwtLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_clockLeeway = TimeSpan.FromSeconds(30);

    private readonly SimulatedGitHubApp _app;
    private readonly RSA _publicKey = RSA.Create();
    private readonly SimulatedGitHubOptions _options;
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, int> _minted = new();

    public SimulatedAppAuthority(SimulatedGitHubApp app, SimulatedGitHubPopulation population, SimulatedGitHubOptions options)
    {
        _app = app;
        _options = options;
        _publicKey.ImportFromPem(app.PublicKeyPem);
        var installations = population.Organizations
            .Select(o => new SimulatedInstallation(InstallationId(app.AppId, o.Index + 1), o, o.Login))
            .ToList();
        if (options.AppInstalledOnEnterprise)
        {
            installations.Add(new SimulatedInstallation(InstallationId(app.AppId, 0), null, population.Enterprise));
        }

        Installations = installations;
    }

    public IReadOnlyList<SimulatedInstallation> Installations { get; }

    /// <summary>Tokens minted so far per installation id.</summary>
    public IReadOnlyDictionary<long, int> Minted => _minted;

    public SimulatedInstallation? Find(long id) => Installations.FirstOrDefault(i => i.Id == id);

    public SimulatedInstallation? OnOrganization(SimulatedOrganization organization) => Installations.FirstOrDefault(i => i.Organization == organization);

    public SimulatedInstallation? OnEnterprise() => Installations.FirstOrDefault(i => i.OnEnterprise);

    /// <summary>Null when <paramref name="jwt"/> is a valid App JWT now; otherwise GitHub's 401 message.</summary>
    public string? CheckJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return "A JSON web token could not be decoded";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256")
            {
                return "A JSON web token could not be decoded";
            }

            var signature = Base64Url.DecodeFromChars(parts[2]);
            if (!_publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "A JSON web token could not be decoded";
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var now = _options.TimeProvider.GetUtcNow();
            if (!claims.TryGetProperty("iat", out var iatClaim) || iatClaim.ValueKind != JsonValueKind.Number)
            {
                return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.";
            }

            if (!claims.TryGetProperty("exp", out var expClaim) || expClaim.ValueKind != JsonValueKind.Number)
            {
                return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.";
            }

            var iat = DateTimeOffset.FromUnixTimeSeconds(iatClaim.GetInt64());
            var exp = DateTimeOffset.FromUnixTimeSeconds(expClaim.GetInt64());
            if (iat > now + s_clockLeeway)
            {
                return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.";
            }

            if (exp <= now)
            {
                return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.";
            }

            if (exp - iat > s_maxJwtLifetime)
            {
                return "'Expiration time' claim ('exp') is too far in the future.";
            }

            var issuer = claims.TryGetProperty("iss", out var iss)
                ? iss.ValueKind == JsonValueKind.Number ? iss.GetRawText() : iss.GetString()
                : null;
            return issuer == _app.AppId.ToString(CultureInfo.InvariantCulture) ? null : "Integration not found";
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "A JSON web token could not be decoded";
        }
    }

    /// <summary>Mints a token for <paramref name="installation"/> valid for the configured lifetime.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Mint(SimulatedInstallation installation)
    {
        var expiresAt = _options.TimeProvider.GetUtcNow() + _options.InstallationTokenLifetime;
        var token = $"ghs_{_app.AppId.ToString(CultureInfo.InvariantCulture)}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(375))}";
        _tokens[token] = new IssuedToken(installation, expiresAt);
        _minted.AddOrUpdate(installation.Id, 1, (_, count) => count + 1);
        return (token, expiresAt);
    }

    /// <summary>The installation a token belongs to, and whether it is still valid now.</summary>
    public (SimulatedInstallation? Installation, bool Valid) Check(string token) =>
        _tokens.TryGetValue(token, out var issued)
            ? (issued.Installation, !issued.Revoked && _options.TimeProvider.GetUtcNow() < issued.ExpiresAt)
            : (null, false);

    /// <summary>Makes every token issued so far invalid (as if GitHub revoked them).</summary>
    public void RevokeAll()
    {
        foreach (var (token, issued) in _tokens)
        {
            _tokens[token] = issued with { Revoked = true };
        }
    }

    public void Dispose() => _publicKey.Dispose();

    /// <summary>
    /// The installation as <c>GET /orgs/{org}/installation</c> and <c>GET /app/installations</c> show it. The permission
    /// names are the simulation's reading of the App settings ("GitHub Copilot Business", "Organization/Enterprise Copilot metrics").
    /// </summary>
    public void WriteInstallation(Utf8JsonWriter writer, SimulatedInstallation installation)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", installation.Id);
        writer.WriteNumber("app_id", _app.AppId);
        writer.WriteStartObject("account");
        if (installation.Organization is { } organization)
        {
            writer.WriteString("login", organization.Login);
            writer.WriteNumber("id", organization.Id);
            writer.WriteString("type", "Organization");
        }
        else
        {
            writer.WriteString("slug", installation.Account);
            writer.WriteString("name", installation.Account);
            writer.WriteNumber("id", 1);
        }

        writer.WriteEndObject();
        writer.WriteString("target_type", installation.OnEnterprise ? "Enterprise" : "Organization");
        WritePermissions(writer, installation);
        writer.WriteEndObject();
    }

    /// <summary>The answer of <c>POST /app/installations/{id}/access_tokens</c>.</summary>
    public static void WriteToken(Utf8JsonWriter writer, SimulatedInstallation installation, string token, DateTimeOffset expiresAt)
    {
        writer.WriteStartObject();
        writer.WriteString("token", token);
        writer.WriteString("expires_at", expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        WritePermissions(writer, installation);
        writer.WriteString("repository_selection", "all");
        writer.WriteEndObject();
    }

    private static void WritePermissions(Utf8JsonWriter writer, SimulatedInstallation installation)
    {
        writer.WriteStartObject("permissions");
        if (installation.OnEnterprise)
        {
            writer.WriteString("enterprise_copilot_metrics", "read");
        }
        else
        {
            writer.WriteString("organization_copilot_seat_management", "read");
            writer.WriteString("organization_copilot_metrics", "read");
        }

        writer.WriteEndObject();
    }

    private static long InstallationId(long appId, int index) => 40_000_000 + (appId % 1000) * 100 + index;

    private sealed record IssuedToken(SimulatedInstallation Installation, DateTimeOffset ExpiresAt, bool Revoked = false);
}
