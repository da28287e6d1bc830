using System.Text.RegularExpressions;
using CopilotIngest.Core.Privacy;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Configuration;

/// <summary>Reports every problem of the Microsoft 365 settings at once, each naming its environment variable.</summary>
public sealed partial class M365OptionsValidator : IValidateOptions<M365Options>
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")]
    private static partial Regex TenantPattern();

    public ValidateOptionsResult Validate(string? name, M365Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.SettingErrors);

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add($"{M365Settings.TenantId} is required when {M365Settings.Ingest} is true (the Entra tenant id or its .onmicrosoft.com domain).");
        }
        else if (!TenantPattern().IsMatch(options.TenantId))
        {
            errors.Add($"{M365Settings.TenantId} must be a tenant id (GUID) or domain such as contoso.onmicrosoft.com, got '{options.TenantId}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{M365Settings.ClientId} is required when {M365Settings.Ingest} is true (the application (client) id of the Entra app registration).");
        }
        else if (!Guid.TryParse(options.ClientId, out _))
        {
            errors.Add($"{M365Settings.ClientId} must be the application (client) id, a GUID, got '{options.ClientId}'.");
        }

        ValidateCredential(options, errors);
        ValidateGraphUrl(options, errors);

        // PRIVACY_KEY is checked once for every source by the shared privacy options (AddPrivacy).
        if (options.ExtraCaCertPath is not null && !File.Exists(options.ExtraCaCertPath))
        {
            errors.Add($"{M365Settings.ExtraCaCert} names a file that does not exist: '{options.ExtraCaCertPath}'.");
        }

        if (options.TenantName is not null && options.TenantName.Length > 100)
        {
            errors.Add($"{M365Settings.TenantName} must be at most 100 characters.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateCredential(M365Options options, List<string> errors)
    {
        switch (options.Auth)
        {
            case M365AuthMode.ClientSecret when string.IsNullOrEmpty(options.ClientSecret):
                errors.Add($"{M365Settings.ClientSecret} is required when {M365Settings.Ingest} is true, unless {M365Settings.ClientCertificatePath} is set or {M365Settings.Auth}=workload_identity.");
                break;
            case M365AuthMode.ClientCertificate when string.IsNullOrEmpty(options.ClientCertificatePath):
                errors.Add($"{M365Settings.ClientCertificatePath} is required when {M365Settings.Auth} is client_certificate.");
                break;
            case M365AuthMode.ClientCertificate when !File.Exists(options.ClientCertificatePath):
                errors.Add($"{M365Settings.ClientCertificatePath} names a file that does not exist: '{options.ClientCertificatePath}'.");
                break;
            case M365AuthMode.WorkloadIdentity:
                ValidateWorkloadIdentity(options, errors);
                break;
        }
    }

    private static void ValidateWorkloadIdentity(M365Options options, List<string> errors)
    {
        if (options.FederatedTokenFile is not null)
        {
            if (!File.Exists(options.FederatedTokenFile))
            {
                errors.Add($"{M365Settings.FederatedTokenFile} names a file that does not exist: '{options.FederatedTokenFile}' (is the service account token projected into the pod?).");
            }

            return;
        }

        if (options.GitHubOidcRequestUrl is null)
        {
            errors.Add($"{M365Settings.Auth}=workload_identity needs {M365Settings.FederatedTokenFile} (Kubernetes workload identity) or {M365Settings.ActionsTokenRequestUrl} and {M365Settings.ActionsTokenRequestToken} (a GitHub Actions job with 'permissions: id-token: write').");
        }
        else if (string.IsNullOrEmpty(options.GitHubOidcRequestToken))
        {
            errors.Add($"{M365Settings.ActionsTokenRequestToken} is required with {M365Settings.ActionsTokenRequestUrl} (GitHub Actions sets both when the job has 'permissions: id-token: write').");
        }
    }

    private static void ValidateGraphUrl(M365Options options, List<string> errors)
    {
        var path = options.GraphUrl.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1.0", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/beta", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{M365Settings.GraphUrl} must be the Graph root without a version (e.g. https://graph.microsoft.com); choose the version with {M365Settings.ApiVersion}.");
        }

        if (!string.IsNullOrEmpty(options.GraphUrl.Query) || !string.IsNullOrEmpty(options.AuthorityHost.Query))
        {
            errors.Add($"{M365Settings.GraphUrl} and {M365Settings.AuthorityHost} must not contain a query string.");
        }
    }
}
