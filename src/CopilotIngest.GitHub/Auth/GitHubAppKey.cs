using System.Security.Cryptography;
using CopilotIngest.GitHub.Options;

namespace CopilotIngest.GitHub.Auth;

/// <summary>
/// Reads the GitHub App's private key: PEM, PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>, as GitHub downloads it) or PKCS#8
/// (<c>BEGIN PRIVATE KEY</c>). A key pasted into one environment line with literal <c>\n</c> is accepted too.
/// Problems never quote the key.
/// </summary>
internal static class GitHubAppKey
{
    /// <summary>Loads the key; throws <see cref="ArgumentException"/> with <see cref="Problem"/>'s text when it cannot.</summary>
    public static RSA Load(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(Normalize(pem));
            if (rsa.KeySize < 2048)
            {
                throw new ArgumentException($"{GitHubSettingNames.AppPrivateKey} is a {rsa.KeySize}-bit RSA key; GitHub App keys are at least 2048 bits. Download a new private key from the App's settings page.");
            }

            // A public key imports too, but cannot sign.
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new ArgumentException(ex is ArgumentException { Message: var m } && m.StartsWith(GitHubSettingNames.AppPrivateKey, StringComparison.Ordinal) ? m : NotAKey);
        }
    }

    /// <summary>Why <paramref name="pem"/> cannot sign GitHub App JWTs, or null when it can.</summary>
    public static string? Problem(string pem)
    {
        try
        {
            using var rsa = Load(pem);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private const string NotAKey =
        $"{GitHubSettingNames.AppPrivateKey} (or the file named by {GitHubSettingNames.AppPrivateKeyFile}) is not an unencrypted RSA private key in PEM form: expected the .pem file GitHub downloads for the App ('-----BEGIN RSA PRIVATE KEY-----', PKCS#1) or a PKCS#8 key ('-----BEGIN PRIVATE KEY-----').";

    private static string Normalize(string pem) =>
        pem.Contains('\n', StringComparison.Ordinal) ? pem : pem.Replace("\\n", "\n", StringComparison.Ordinal);
}
