using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CopilotIngest.GitHub.Auth;
using CopilotIngest.GitHub.Tests.Fakes;

namespace CopilotIngest.GitHub.Tests.Auth;

public sealed class GitHubAppJwtTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Create_AnyTime_SignatureVerifiesWithThePublicKeyOnly()
    {
        var jwt = GitHubAppJwt.Create("731", TestGitHubApp.Key, s_now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(TestGitHubApp.Registration.PublicKeyPem);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Assert.True(publicKey.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var other = RSA.Create();
        other.ImportFromPem(TestGitHubApp.OtherPrivateKeyPem);
        Assert.False(other.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Create_AnyTime_HeaderIsRs256AndClaimsAreAMinuteBackNineMinutesAheadAndTheAppId()
    {
        var parts = GitHubAppJwt.Create("731", TestGitHubApp.Key, s_now).Split('.');

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal(1795602540, payload.RootElement.GetProperty("iat").GetInt64()); // 2026-11-25T10:29:00Z
        Assert.Equal(1795603140, payload.RootElement.GetProperty("exp").GetInt64()); // 2026-11-25T10:39:00Z
        Assert.Equal("731", payload.RootElement.GetProperty("iss").GetString());
        Assert.DoesNotContain('=', string.Concat(parts));
    }

    [Theory]
    [InlineData("pkcs1")]
    [InlineData("pkcs8")]
    [InlineData("escaped")]
    public void Load_GitHubKeyForms_SignsJwtsTheSameKeyVerifies(string form)
    {
        var pem = form switch
        {
            "pkcs1" => TestGitHubApp.PrivateKeyPem,
            "pkcs8" => TestGitHubApp.Pkcs8PrivateKeyPem,
            _ => TestGitHubApp.PrivateKeyPem.Replace("\n", "\\n", StringComparison.Ordinal),
        };

        using var key = GitHubAppKey.Load(pem);

        Assert.Equal(TestGitHubApp.Key.ExportSubjectPublicKeyInfoPem(), key.ExportSubjectPublicKeyInfoPem());
    }
}
