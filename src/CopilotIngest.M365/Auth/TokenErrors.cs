using System.Text.RegularExpressions;
using Azure.Identity;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Redaction;
using CopilotIngest.M365.Configuration;

namespace CopilotIngest.M365.Auth;

/// <summary>Explains an Entra ID token failure in terms of the settings to fix; never repeats a secret.</summary>
internal static partial class TokenErrors
{
    [GeneratedRegex(@"AADSTS(\d+)")]
    private static partial Regex AadstsCode();

    [GeneratedRegex(@"AADSTS\d+:[^\r\n]*")]
    private static partial Regex AadstsLine();

    public static ApiException ToApiException(AuthenticationFailedException exception, M365Options options)
    {
        if (FindInner<ApiException>(exception) is { } inner)
        {
            return inner;
        }

        var text = exception.ToString();
        var detail = AadstsLine().Match(text) is { Success: true } line ? FirstLine(line.Value) : FirstLine(Innermost(exception).Message);
        var code = AadstsCode().Match(text) is { Success: true } match ? match.Groups[1].Value : null;
        var hint = code switch
        {
            "7000215" => $"the client secret is wrong: check {M365Settings.ClientSecret} (use the secret's value, not its id).",
            "7000222" => $"the client secret has expired: create a new one and update {M365Settings.ClientSecret}.",
            "700016" => $"Entra ID does not know the app in this tenant: check {M365Settings.ClientId} and {M365Settings.TenantId}.",
            "90002" or "900023" or "90072" => $"Entra ID does not know the tenant: check {M365Settings.TenantId} and {M365Settings.AuthorityHost}.",
            "700027" or "700024" or "1000502" => $"Entra ID refused the certificate assertion: upload the certificate of {M365Settings.ClientCertificatePath} to the app registration (Certificates & secrets).",
            "70021" or "700211" or "700212" or "700213" or "700223" => "no federated credential of the app matches the workload's token: add one whose issuer, subject and audience (api://AzureADTokenExchange) match the service account or the GitHub Actions job.",
            "70011" => $"the scope is not valid for this cloud: check that {M365Settings.GraphUrl} and {M365Settings.AuthorityHost} belong to the same cloud.",
            "7000112" or "7000113" => "the app is disabled in this tenant: an administrator must enable it.",
            _ when exception is CredentialUnavailableException => "the credential is not available in this environment: " + Credentials(options),
            _ when text.Contains("SSL connection", StringComparison.OrdinalIgnoreCase) || text.Contains("remote certificate", StringComparison.OrdinalIgnoreCase) =>
                $"the TLS connection to {M365Settings.AuthorityHost} failed; behind a TLS-inspecting proxy, set {M365Settings.ExtraCaCert} to its CA certificate (PEM).",
            _ when FindInner<System.Net.Http.HttpRequestException>(exception) is not null || FindInner<System.Net.Sockets.SocketException>(exception) is not null =>
                $"could not reach the Entra ID authority {options.AuthorityHost}: check {M365Settings.AuthorityHost} (default {M365Settings.DefaultAuthorityHost}; national clouds have their own), and that a proxy or firewall lets the host through (HTTPS_PROXY, NO_PROXY).",
            _ => "check " + Credentials(options),
        };

        var message = $"Could not get a Microsoft Graph token from {options.AuthorityHost} for app {options.ClientId} in tenant {options.TenantId}: {hint} Entra ID said: {detail}";
        return new ApiException(GraphTokenSource.Service, null, Scrub(message, options), exception);
    }

    private static string Credentials(M365Options options) => options.Auth switch
    {
        M365AuthMode.ClientCertificate => $"{M365Settings.TenantId}, {M365Settings.ClientId} and {M365Settings.ClientCertificatePath}.",
        M365AuthMode.WorkloadIdentity => $"{M365Settings.TenantId}, {M365Settings.ClientId} and the federated credential ({M365Settings.FederatedTokenFile} or the GitHub Actions OIDC variables).",
        _ => $"{M365Settings.TenantId}, {M365Settings.ClientId} and {M365Settings.ClientSecret}.",
    };

    private static string FirstLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? text;
        return line.Length <= 400 ? line : line[..400] + "…";
    }

    /// <summary>Removes any configured secret and any echoed credential from a message, whatever a server echoed back.</summary>
    internal static string Scrub(string message, M365Options options) =>
        SecretRedactor.For(options.ClientSecret, options.ClientCertificatePassword, options.GitHubOidcRequestToken, options.PrivacyKey).Redact(message);

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
