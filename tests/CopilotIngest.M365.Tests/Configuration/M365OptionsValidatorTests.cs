using CopilotIngest.Core.Ingestion;
using CopilotIngest.M365.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Tests.Configuration;

public sealed class M365OptionsValidatorTests
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new M365Options();
        M365Settings.Fill(options, configuration);
        var result = new M365OptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        [M365Settings.TenantId] = "contoso.onmicrosoft.com",
        [M365Settings.ClientId] = ClientId,
        [M365Settings.ClientSecret] = "s3cr3t-value",
    };

    [Fact]
    public void Validate_SecretSettings_NoProblem()
    {
        Assert.Empty(Problems(Valid()));
    }

    [Fact]
    public void Validate_NothingSet_ListsEveryMissingVariable()
    {
        var problems = Problems([]);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("M365_TENANT_ID is required when INGEST_M365 is true", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("M365_CLIENT_ID is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("M365_CLIENT_SECRET is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ManyBadValues_ReportsEachNamingItsVariable()
    {
        var settings = Valid();
        settings[M365Settings.ClientId] = "my-app";
        settings[M365Settings.TenantId] = "contoso tenant";
        settings[M365Settings.GraphUrl] = "http://graph.example.com";
        settings[M365Settings.AuthorityHost] = "not a url";
        settings[M365Settings.Period] = "D28";
        settings[M365Settings.ReportVersion] = "v3";
        settings[M365Settings.ApiVersion] = "v2.0";
        settings[M365Settings.DeleteThreshold] = "120%";
        settings[M365Settings.IncludeConcealedUsers] = "sometimes";
        settings[M365Settings.PrivacyModeSetting] = "pseudonymize";
        settings[M365Settings.ExtraCaCert] = "/nonexistent/ca.pem";

        var problems = Problems(settings);

        string[] names = ["M365_CLIENT_ID", "M365_TENANT_ID", "M365_GRAPH_URL", "M365_AUTHORITY_HOST", "M365_PERIOD", "M365_REPORT_VERSION", "M365_API_VERSION", "M365_DELETE_THRESHOLD", "M365_INCLUDE_CONCEALED_USERS", "EXTRA_CA_CERT"];
        Assert.Equal(names.Length, problems.Count);
        foreach (var name in names)
        {
            Assert.Contains(problems, p => p.StartsWith(name, StringComparison.Ordinal));
        }

        Assert.Contains(problems, p => p.Contains("D28 needs M365_REPORT_VERSION=v2", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("s3cr3t-value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("50%", 0.5)]
    public void Fill_DeleteThresholdAsFractionOrPercentage_SameShare(string text, double expected)
    {
        var settings = Valid();
        settings[M365Settings.DeleteThreshold] = text;
        var options = new M365Options();

        M365Settings.Fill(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Empty(Problems(settings));
        Assert.Equal(expected, options.DeleteThreshold, 10);
    }

    [Theory]
    [InlineData("v1", "D30", true)]
    [InlineData("v1", "D28", false)]
    [InlineData("v2", "D28", true)]
    [InlineData("v2", "D30", false)]
    [InlineData("v2", "d90", true)]
    [InlineData("v1", "ALL", false)]
    public void Validate_PeriodAgainstReportVersion(string version, string period, bool valid)
    {
        var settings = Valid();
        settings[M365Settings.ReportVersion] = version;
        settings[M365Settings.Period] = period;

        Assert.Equal(valid, Problems(settings).Count == 0);
    }

    [Fact]
    public void Fill_Defaults_MatchTheDocumentedOnes()
    {
        var options = new M365Options();
        M365Settings.Fill(options, new ConfigurationBuilder().AddInMemoryCollection(Valid()).Build());

        Assert.Equal(new Uri("https://graph.microsoft.com/"), options.GraphUrl);
        Assert.Equal(new Uri("https://login.microsoftonline.com/"), options.AuthorityHost);
        Assert.Equal("D7", options.Period.Value);
        Assert.Equal("D180", options.TrendPeriod.Value);
        Assert.False(options.ReportV2);
        Assert.Equal(ReportFormat.CsvV1, options.Format);
        Assert.False(options.IncludeConcealedUsers);
        Assert.Equal(0.2, options.DeleteThreshold);
        Assert.Equal(M365AuthMode.ClientSecret, options.Auth);
    }

    [Fact]
    public void Validate_SecretAndCertificateBoth_AsksToChoose()
    {
        var settings = Valid();
        settings[M365Settings.ClientCertificatePath] = "/tmp/app.pem";

        Assert.Contains(Problems(settings), p => p.Contains("Both M365_CLIENT_SECRET and M365_CLIENT_CERTIFICATE_PATH", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CertificateFileMissing_NamesThePath()
    {
        var settings = Valid();
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.ClientCertificatePath] = "/nonexistent/app.pfx";

        Assert.Equal("M365_CLIENT_CERTIFICATE_PATH names a file that does not exist: '/nonexistent/app.pfx'.", Assert.Single(Problems(settings)));
    }

    [Fact]
    public void Validate_WorkloadIdentityWithoutTokenSource_ExplainsBothOptions()
    {
        var settings = Valid();
        settings.Remove(M365Settings.ClientSecret);
        settings[M365Settings.Auth] = "workload_identity";

        var problem = Assert.Single(Problems(settings));

        Assert.Contains("AZURE_FEDERATED_TOKEN_FILE", problem, StringComparison.Ordinal);
        Assert.Contains("ACTIONS_ID_TOKEN_REQUEST_URL", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_KubernetesWorkloadIdentityVariables_InferModeAndIds()
    {
        var tokenFile = Path.GetTempFileName();
        try
        {
            var options = new M365Options();
            M365Settings.Fill(options, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [M365Settings.FederatedTokenFile] = tokenFile,
                [M365Settings.AzureTenantId] = "contoso.onmicrosoft.com",
                [M365Settings.AzureClientId] = ClientId,
            }).Build());

            Assert.Equal(M365AuthMode.WorkloadIdentity, options.Auth);
            Assert.Equal(ClientId, options.ClientId);
            Assert.False(new M365OptionsValidator().Validate(null, options).Failed);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public void Validate_GraphUrlWithVersion_Rejected()
    {
        var settings = Valid();
        settings[M365Settings.GraphUrl] = "https://graph.microsoft.com/v1.0";

        Assert.Contains(Problems(settings), p => p.StartsWith("M365_GRAPH_URL must be the Graph root without a version", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HttpLoopbackGraphUrl_Accepted()
    {
        var settings = Valid();
        settings[M365Settings.GraphUrl] = "http://127.0.0.1:8080";

        Assert.Empty(Problems(settings));
    }

    [Fact]
    public void AddMicrosoft365Copilot_IngestFalse_RegistersNothingAndValidatesNothing()
    {
        var services = new ServiceCollection();
        services.AddMicrosoft365Copilot(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [M365Settings.Ingest] = "false" }).Build());
        using var provider = services.BuildServiceProvider();

        Assert.Empty(provider.GetServices<IDataSet>());
        Assert.Empty(services);
    }

    [Fact]
    public void AddMicrosoft365Copilot_MissingSettings_StartupValidationListsEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMicrosoft365Copilot(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [M365Settings.Period] = "D1" }).Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());


        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("M365_PERIOD", StringComparison.Ordinal));
    }
}
