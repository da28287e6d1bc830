using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;

namespace CopilotIngest.M365.Auth;

/// <summary>
/// Builds the Azure.Identity credential that <c>M365_AUTH</c> chooses: client secret, client certificate, or workload
/// identity (Kubernetes token file, or GitHub Actions OIDC through a client assertion). Every credential talks to
/// <c>M365_AUTHORITY_HOST</c> over a transport that trusts <c>EXTRA_CA_CERT</c>.
/// </summary>
internal static class GraphCredentialFactory
{
    public static TokenCredential Create(M365Options options, M365TransportOptions transport, GitHubActionsAssertion? gitHubAssertion)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        return options.Auth switch
        {
            M365AuthMode.ClientCertificate => CreateCertificateCredential(options, transport),
            M365AuthMode.WorkloadIdentity when options.FederatedTokenFile is not null => new WorkloadIdentityCredential(Configure(options, transport, new WorkloadIdentityCredentialOptions
            {
                TenantId = options.TenantId,
                ClientId = options.ClientId,
                TokenFilePath = options.FederatedTokenFile,
            })),
            M365AuthMode.WorkloadIdentity => new ClientAssertionCredential(
                options.TenantId,
                options.ClientId,
                gitHubAssertion is null
                    ? throw new InvalidOperationException("GitHub Actions OIDC is configured but no assertion source was registered.")
                    : gitHubAssertion.GetAssertionAsync,
                Configure(options, transport, new ClientAssertionCredentialOptions())),
            _ => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret, Configure(options, transport, new ClientSecretCredentialOptions())),
        };
    }

    private static ClientCertificateCredential CreateCertificateCredential(M365Options options, M365TransportOptions transport)
    {
        var path = options.ClientCertificatePath!;
        var credentialOptions = Configure(options, transport, new ClientCertificateCredentialOptions());
        if (string.IsNullOrEmpty(options.ClientCertificatePassword))
        {
            return new ClientCertificateCredential(options.TenantId, options.ClientId, path, credentialOptions);
        }

        var extension = Path.GetExtension(path);
        var certificate = extension.Equals(".pem", StringComparison.OrdinalIgnoreCase) || extension.Equals(".crt", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromEncryptedPemFile(path, options.ClientCertificatePassword)
            : X509CertificateLoader.LoadPkcs12FromFile(path, options.ClientCertificatePassword);
        return new ClientCertificateCredential(options.TenantId, options.ClientId, certificate, credentialOptions);
    }

    private static T Configure<T>(M365Options options, M365TransportOptions transport, T credentialOptions)
        where T : TokenCredentialOptions
    {
        credentialOptions.AuthorityHost = options.AuthorityHost;
        credentialOptions.Transport = new HttpClientTransport(ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(options.ExtraCaCertPath)));
        credentialOptions.Retry.MaxRetries = transport.MaxRetryAttempts;
        credentialOptions.Retry.Delay = transport.RetryDelay;
        credentialOptions.Retry.NetworkTimeout = transport.AttemptTimeout;
        var disableDiscovery = !GraphCloud.IsMicrosoftAuthority(options.AuthorityHost);
        switch (credentialOptions)
        {
            case ClientSecretCredentialOptions secret:
                secret.DisableInstanceDiscovery = disableDiscovery;
                break;
            case ClientCertificateCredentialOptions certificate:
                certificate.DisableInstanceDiscovery = disableDiscovery;
                break;
            case WorkloadIdentityCredentialOptions workload:
                workload.DisableInstanceDiscovery = disableDiscovery;
                break;
            case ClientAssertionCredentialOptions assertion:
                assertion.DisableInstanceDiscovery = disableDiscovery;
                break;
        }

        return credentialOptions;
    }
}
