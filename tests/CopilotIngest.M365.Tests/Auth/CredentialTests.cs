using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Simulation.Graph;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.M365.Tests.Auth;

/// <summary>Azure.Identity credentials chosen by settings, against the simulated Entra ID over HTTPS.</summary>
public sealed class CredentialTests : IDisposable
{
    private readonly List<string> _files = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static X509Certificate2 NewCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private string TempFile(string extension, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"m365-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, content);
        _files.Add(path);
        return path;
    }

    private static string FakeJwt(string issuer) =>
        string.Join('.', new[] { """{"alg":"RS256","kid":"k1","typ":"JWT"}""", $$"""{"iss":"{{issuer}}","sub":"system:serviceaccount:ingest:copilot","aud":"api://AzureADTokenExchange"}""", "signature" }
            .Select(part => Convert.ToBase64String(Encoding.UTF8.GetBytes(part)).TrimEnd('=').Replace('+', '-').Replace('/', '_')));

    private static async Task<Core.Ingestion.DataSetResult> RunSummaryAsync(SimulatedGraph graph, Dictionary<string, string?> settings)
    {
        await using var harness = M365Harness.Create(settings);
        var result = await harness.DataSet(DataSetNames.Summary).RunAsync(Ct);
        if (result.Succeeded)
        {
            Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary));
        }

        return result;
    }

    [Fact]
    public async Task ClientSecret_Wrong_SaysWhichSettingWithoutRepeatingIt()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.ClientSecret] = "wrong-secret-value-123";

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains("client secret is wrong: check M365_CLIENT_SECRET", result.Error, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000215", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value-123", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantUnknown_SaysCheckTenantIdAndAuthorityHost()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.TenantId] = "fabrikam.onmicrosoft.com";

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains("check M365_TENANT_ID and M365_AUTHORITY_HOST", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:1/")]
    [InlineData("https://login.invalid/")]
    public async Task AuthorityUnreachable_NamesAuthorityHostSetting(string authority)
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.AuthorityHost] = authority;

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains($"could not reach the Entra ID authority {authority}", result.Error, StringComparison.Ordinal);
        Assert.Contains("check M365_AUTHORITY_HOST", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorityCertificateNotTrusted_SuggestsExtraCaCert()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ExtraCaCert);

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains(M365Settings.ExtraCaCert, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientCertificate_PemOrPasswordProtectedPfx_GetsTokenAndData(bool pfx)
    {
        using var certificate = NewCertificate("copilot-ingest test app");
        var options = new SimulatedGraphOptions { LicensedUsers = 5, ClientCertificate = X509CertificateLoader.LoadCertificate(certificate.RawData) };
        await using var graph = await SimulatedGraph.StartAsync(options, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ClientSecret);
        if (pfx)
        {
            settings[M365Settings.ClientCertificatePath] = TempFile(".pfx", certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
            settings[M365Settings.ClientCertificatePassword] = "pfx-password";
        }
        else
        {
            settings[M365Settings.ClientCertificatePath] = TempFile(".pem", Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n"));
        }

        var result = await RunSummaryAsync(graph, settings);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(graph.TokensIssued >= 1);
    }

    [Fact]
    public async Task ClientCertificate_NotTheRegisteredOne_SaysUploadTheCertificate()
    {
        using var registered = NewCertificate("registered");
        using var other = NewCertificate("other");
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5, ClientCertificate = X509CertificateLoader.LoadCertificate(registered.RawData) }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.ClientCertificatePath] = TempFile(".pem", Encoding.ASCII.GetBytes(other.ExportCertificatePem() + "\n" + other.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n"));

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains("upload the certificate of M365_CLIENT_CERTIFICATE_PATH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCertificate_WrongPassword_SaysSo()
    {
        using var certificate = NewCertificate("app");
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.ClientCertificatePath] = TempFile(".pfx", certificate.Export(X509ContentType.Pkcs12, "right"));
        settings[M365Settings.ClientCertificatePassword] = "wrong";

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains("M365_CLIENT_CERTIFICATE_PATH could not be read", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", result.Error!.Replace("wrong password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkloadIdentity_KubernetesTokenFile_GetsTokenAndData()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.Auth] = "workload_identity";
        settings[M365Settings.FederatedTokenFile] = TempFile(".jwt", Encoding.ASCII.GetBytes(FakeJwt("https://oidc.prod-aks.azure.com/tenant/issuer")));

        var result = await RunSummaryAsync(graph, settings);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(graph.Requests, r => r.PathAndQuery.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkloadIdentity_GitHubActionsOidc_FetchesTheJobTokenForEntraAudience()
    {
        await using var oidc = await ScriptedServer.StartAsync((context, request) =>
        {
            if (request.Headers.GetValueOrDefault("Authorization") != "Bearer actions-request-token" || context.Request.Query["audience"] != "api://AzureADTokenExchange")
            {
                context.Response.StatusCode = 401;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsJsonAsync(new { value = FakeJwt("https://token.actions.githubusercontent.com") });
        });
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.ActionsTokenRequestUrl] = new Uri(oidc.BaseAddress, "_apis/oidctoken?api-version=2.0").ToString();
        settings[M365Settings.ActionsTokenRequestToken] = "actions-request-token";

        var result = await RunSummaryAsync(graph, settings);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("/_apis/oidctoken?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange", Assert.Single(oidc.Requests).PathAndQuery);
    }

    [Fact]
    public async Task WorkloadIdentity_GitHubActionsRefuses_SaysGiveTheJobIdTokenWrite()
    {
        await using var oidc = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.Auth] = "workload_identity";
        settings[M365Settings.ActionsTokenRequestUrl] = new Uri(oidc.BaseAddress, "_apis/oidctoken").ToString();
        settings[M365Settings.ActionsTokenRequestToken] = "actions-request-token";

        var result = await RunSummaryAsync(graph, settings);

        Assert.Contains("id-token: write", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("actions-request-token", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredToken_GraphRejectsOnce_NewTokenFromEntraAndSuccess()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 5 };
        options.Faults.Add(new GraphFault("/v1.0/copilot/reports/", GraphFaultKind.ExpiredToken));
        await using var graph = await SimulatedGraph.StartAsync(options, Ct);

        var result = await RunSummaryAsync(graph, M365Harness.SettingsFor(graph));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, graph.TokensIssued);
    }

    [Fact]
    public async Task ExpiredToken_GraphKeepsRejecting_FailsNamingTheTokenProblem()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 5 };
        options.Faults.Add(new GraphFault("/v1.0/copilot/reports/", GraphFaultKind.ExpiredToken, Count: 10));
        await using var graph = await SimulatedGraph.StartAsync(options, Ct);

        var result = await RunSummaryAsync(graph, M365Harness.SettingsFor(graph));

        Assert.Contains("rejected the access token", result.Error, StringComparison.Ordinal);
        Assert.Contains("token expired", result.Error, StringComparison.Ordinal);
    }
}
