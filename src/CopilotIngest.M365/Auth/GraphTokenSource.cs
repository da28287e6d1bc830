using System.Security.Cryptography;
using Azure.Core;
using Azure.Identity;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;

namespace CopilotIngest.M365.Auth;

/// <summary>
/// Access tokens for Microsoft Graph from an Azure.Identity credential (which caches them until shortly before
/// expiry). <see cref="Renew"/> replaces the credential, and with it the token cache, when Graph rejects a token
/// that the cache still holds for valid. Failures become an <see cref="ApiException"/> that names the setting to fix.
/// </summary>
internal sealed class GraphTokenSource
{
    public const string Service = "Microsoft Entra ID";

    private readonly Func<TokenCredential> _factory;
    private readonly M365Options _options;
    private readonly Lock _gate = new();
    private Lazy<TokenCredential> _credential;

    public GraphTokenSource(Func<TokenCredential> factory, M365Options options)
    {
        _factory = factory;
        _options = options;
        _credential = new Lazy<TokenCredential>(factory);
        Scope = ScopeFor(options.GraphUrl);
    }

    /// <summary>The <c>.default</c> scope of the configured Graph root, e.g. <c>https://graph.microsoft.com/.default</c>.</summary>
    public string Scope { get; }

    public static string ScopeFor(Uri graphUrl) => graphUrl.GetLeftPart(UriPartial.Authority) + "/.default";

    public async ValueTask<string> GetTokenAsync(string? claims, CancellationToken cancellationToken)
    {
        TokenCredential credential;
        try
        {
            credential = _credential.Value;
        }
        catch (CryptographicException ex)
        {
            var message = $"{M365Settings.ClientCertificatePath} could not be read as a certificate with its private key (PEM or PFX; is {M365Settings.ClientCertificatePassword} right?): {ex.Message}";
            throw new ApiException(Service, null, TokenErrors.Scrub(message, _options), ex);
        }

        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope], claims: claims), cancellationToken);
            return token.Token;
        }
        catch (AuthenticationFailedException ex)
        {
            throw TokenErrors.ToApiException(ex, _options);
        }
    }

    /// <summary>Starts over with a new credential, so the next token comes from Entra ID, not from the cache.</summary>
    public void Renew()
    {
        lock (_gate)
        {
            _credential = new Lazy<TokenCredential>(_factory);
        }
    }
}
