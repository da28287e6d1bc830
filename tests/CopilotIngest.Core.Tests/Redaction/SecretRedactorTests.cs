using CopilotIngest.Core.Redaction;

namespace CopilotIngest.Core.Tests.Redaction;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("GITHUB_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("PORT_CLIENT_SECRET", "port-secret-value-1234")]
    [InlineData("M365_CLIENT_SECRET", "entra~secret.value_9876")]
    [InlineData("M365_CLIENT_CERTIFICATE_PASSWORD", "pfx-password-42")]
    [InlineData("PORT_WEBHOOK_SECRET", "whsec_0123456789abcdef")]
    [InlineData("PRIVACY_KEY", "0123456789abcdef0123456789abcdef")]
    public void Redact_ConfiguredSecret_Masked(string name, string secret)
    {
        var redactor = new SecretRedactor();
        redactor.AddSettings([new(name, secret), new("GITHUB_ORGS", "acme")]);

        var text = redactor.Redact($"the server said: invalid credential {secret} for acme");

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.Contains("acme", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_PrivateKeyEchoedLineByLine_EveryLineMasked()
    {
        const string key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----";
        var redactor = new SecretRedactor();
        redactor.AddSettings([new("GITHUB_APP_PRIVATE_KEY", key)]);

        var text = redactor.Redact("bad key line: VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK");

        Assert.DoesNotContain("VTLw7onLRnrq0", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"message":"Bad credentials","request":{"headers":{"Authorization":"Bearer ghp_unknownTokenValue1234567890"}}}""", "ghp_unknownTokenValue1234567890")]
    [InlineData("echo: authorization: token gho_echoedValue123456", "gho_echoedValue123456")]
    [InlineData("sent Authorization=Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA")]
    [InlineData("token was Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature", "eyJ0eXAiOiJKV1Qi")]
    [InlineData("proxy at https://alice:s3cr3t-pass@proxy.example.com:8080/ refused", "s3cr3t-pass")]
    public void Redact_CredentialShapedTextNotConfigured_Masked(string input, string secret)
    {
        var text = new SecretRedactor().Redact(input);

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSettings_UrlWithPassword_PasswordMaskedWhereverItAppears()
    {
        var redactor = new SecretRedactor();
        redactor.AddSettings([new("PORT_BASE_URL", "https://svc:p%40ss-w0rd@port.example.com")]);

        Assert.Equal("password p@ss-w0rd and p%40ss-w0rd".Replace("p@ss-w0rd", "***", StringComparison.Ordinal).Replace("p%40ss-w0rd", "***", StringComparison.Ordinal),
            redactor.Redact("password p@ss-w0rd and p%40ss-w0rd"));
        Assert.Equal("https://svc:***@port.example.com/v1", redactor.Redact("https://svc:p%40ss-w0rd@port.example.com/v1"));
    }

    [Theory]
    [InlineData("GITHUB_TOKEN must hold the token alone, without a 'Bearer ' or 'token ' prefix.")]
    [InlineData("Report files need no authorization: the links are pre-signed.")]
    [InlineData("See https://docs.github.com/en/rest/copilot and https://login.microsoftonline.com/")]
    [InlineData("github_seats: fetched=3 upserted=3")]
    public void Redact_OrdinaryMessage_Unchanged(string message) =>
        Assert.Equal(message, new SecretRedactor().Redact(message));

    [Fact]
    public void Write_SecretSplitAcrossWrites_MaskedOnceTheLineEnds()
    {
        using var inner = new StringWriter();
        using var writer = new RedactingTextWriter(inner, SecretRedactor.For("split-secret-value"));

        writer.Write("before split-sec");
        writer.Write("ret-value after");
        Assert.Equal(string.Empty, inner.ToString());
        writer.WriteLine();
        writer.Write("tail split-secret-value");
        writer.Flush();

        Assert.Equal("before *** after" + Environment.NewLine + "tail ***", inner.ToString());
    }
}
