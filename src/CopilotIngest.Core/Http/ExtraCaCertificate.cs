using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CopilotIngest.Core.Http;

/// <summary>
/// <c>EXTRA_CA_CERT</c>: a PEM file whose certificates are trusted in addition to the system store
/// (TLS-inspecting proxies, the simulated services' loopback certificate).
/// </summary>
public static class ExtraCaCertificate
{
    /// <summary>Creates the primary handler for a typed client; with no extra certificates it is a plain <see cref="SocketsHttpHandler"/>.</summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2Collection? extraRoots)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            AllowAutoRedirect = false,

            // HTTPS_PROXY / HTTP_PROXY / NO_PROXY as .NET reads them, but never for loopback addresses.
            Proxy = new LoopbackBypassProxy(HttpClient.DefaultProxy),
            UseProxy = true,
        };
        if (extraRoots is { Count: > 0 })
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, extraRoots),
            };
        }

        return handler;
    }

    public static X509Certificate2Collection? Load(string? pemPath)
    {
        if (string.IsNullOrWhiteSpace(pemPath))
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemPath);
        return collection;
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection extraRoots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
