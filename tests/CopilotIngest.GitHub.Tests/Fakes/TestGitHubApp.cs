using System.Security.Cryptography;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.GitHub.Tests.Fakes;

/// <summary>
/// One GitHub App for the tests: an RSA key made once per test run, registered in the simulated GitHub by its public half,
/// and the settings that make the client authenticate as it.
/// </summary>
internal static class TestGitHubApp
{
    public const long AppId = 731;

    private static readonly Lazy<RSA> s_key = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> s_otherKey = new(() => RSA.Create(2048));

    public static RSA Key => s_key.Value;

    /// <summary>PKCS#1, as GitHub downloads App keys.</summary>
    public static string PrivateKeyPem => Key.ExportRSAPrivateKeyPem();

    public static string Pkcs8PrivateKeyPem => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>A valid key that does not belong to the App.</summary>
    public static string OtherPrivateKeyPem => s_otherKey.Value.ExportRSAPrivateKeyPem();

    public static SimulatedGitHubApp Registration => new(AppId, Key.ExportSubjectPublicKeyInfoPem());

    /// <summary>App settings without <c>GITHUB_TOKEN</c>; add it back for the enterprise seat listing.</summary>
    public static Dictionary<string, string?> Settings(string? privateKey = null, string? token = null) => new()
    {
        [GitHubSettingNames.Token] = token,
        [GitHubSettingNames.AppId] = AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [GitHubSettingNames.AppPrivateKey] = privateKey ?? PrivateKeyPem,
    };
}
