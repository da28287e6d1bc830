namespace CopilotIngest.M365.Configuration;

/// <summary><c>M365_AUTH</c>: how the worker proves its Entra app identity.</summary>
public enum M365AuthMode
{
    /// <summary><c>M365_CLIENT_SECRET</c>.</summary>
    ClientSecret,

    /// <summary><c>M365_CLIENT_CERTIFICATE_PATH</c> (PEM with key, or PFX), optionally with <c>M365_CLIENT_CERTIFICATE_PASSWORD</c>.</summary>
    ClientCertificate,

    /// <summary>A federated token: Kubernetes (<c>AZURE_FEDERATED_TOKEN_FILE</c>) or GitHub Actions OIDC.</summary>
    WorkloadIdentity,
}
