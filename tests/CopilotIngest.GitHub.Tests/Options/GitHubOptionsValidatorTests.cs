using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Tests.Options;

public sealed class GitHubOptionsValidatorTests
{
    private const string Secret = "ghp_Secret0123456789abcdefSECRET";

    [Fact]
    public void Validate_NothingSet_ReportsTokenAndScopesTogether()
    {
        var failures = Failures(new Dictionary<string, string?>());

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("GITHUB_TOKEN is required when INGEST_GITHUB is true", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("GITHUB_ORGS", StringComparison.Ordinal) && f.Contains("GITHUB_ENTERPRISE", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AppWithKeyAndNoToken_IsValid()
    {
        Assert.Empty(Failures(App()));
    }

    [Fact]
    public void Validate_AppIdWithoutKey_NamesBothKeySettings()
    {
        var failure = Assert.Single(Failures(App((GitHubSettingNames.AppPrivateKey, null))));

        Assert.StartsWith("GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_FILE is required with GITHUB_APP_ID", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key at all")]
    [InlineData("public")]
    [InlineData("truncated")]
    public void Validate_KeyThatCannotSign_NamesTheVariableWithoutQuotingTheKey(string kind)
    {
        var key = kind switch
        {
            "public" => TestGitHubApp.Key.ExportSubjectPublicKeyInfoPem(),
            "truncated" => TestGitHubApp.PrivateKeyPem[..400] + "\n-----END RSA PRIVATE KEY-----",
            _ => kind,
        };

        var failure = Assert.Single(Failures(App((GitHubSettingNames.AppPrivateKey, key))));

        Assert.StartsWith("GITHUB_APP_PRIVATE_KEY (or the file named by GITHUB_APP_PRIVATE_KEY_FILE) is not an unencrypted RSA private key", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Length > 60 ? key[40..60] : key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryAppSettingWrong_ReportsEachNamingItsVariable()
    {
        var failures = Failures(App(
            (GitHubSettingNames.AppId, "my-app"),
            (GitHubSettingNames.AppPrivateKey, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"),
            (GitHubSettingNames.AppInstallationId, "12ab")));

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("GITHUB_APP_ID must be the GitHub App's numeric App ID", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_APP_PRIVATE_KEY (or the file", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_APP_INSTALLATION_ID must be the installation's number", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyWithoutAppId_AsksForTheAppId()
    {
        var failure = Assert.Single(Failures(Valid((GitHubSettingNames.AppPrivateKey, TestGitHubApp.PrivateKeyPem))));

        Assert.StartsWith("GITHUB_APP_PRIVATE_KEY is set but GITHUB_APP_ID is not", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyFile_IsReadAndChecked()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, TestGitHubApp.Pkcs8PrivateKeyPem);
            Assert.Empty(Failures(App((GitHubSettingNames.AppPrivateKey, null), (GitHubSettingNames.AppPrivateKeyFile, path))));
            File.WriteAllText(path, "garbage");
            Assert.StartsWith("GITHUB_APP_PRIVATE_KEY (or the file", Assert.Single(Failures(App((GitHubSettingNames.AppPrivateKey, null), (GitHubSettingNames.AppPrivateKeyFile, path)))), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_EverySettingWrong_ReportsEachProblemNamingItsVariableWithoutTheToken()
    {
        var failures = Failures(new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = "Bearer " + Secret,
            ["GITHUB_ORGS"] = "acme, bad org!,-leading",
            ["GITHUB_ENTERPRISE"] = "https://github.com/enterprises/acme",
            ["GITHUB_API_URL"] = "http://api.github.com",
            ["GITHUB_INACTIVE_DAYS"] = "thirty",
        });

        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("GITHUB_INACTIVE_DAYS must be a whole number from 1 to 365", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_TOKEN must hold the token alone", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'bad org!'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'-leading'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_ENTERPRISE must be the enterprise slug", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_API_URL must use https://", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain(Secret, f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://github.com")]
    [InlineData("https://acme.ghe.com")]
    public void Validate_WebHostInsteadOfApiHost_AsksForTheApiHost(string url)
    {
        var failure = Assert.Single(Failures(Valid(("GITHUB_API_URL", url))));

        Assert.Contains("https://api.SUBDOMAIN.ghe.com", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.github.com")]
    [InlineData("https://api.acme.ghe.com/")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:5000/")]
    public void Validate_GoodApiUrls_AreAccepted(string url) =>
        Assert.Empty(Failures(Valid(("GITHUB_API_URL", url))));

    [Fact]
    public void Validate_TokenWithLineBreak_IsRejectedWithoutEchoingIt()
    {
        var failure = Assert.Single(Failures(Valid(("GITHUB_TOKEN", "ghp_abc\ndef"))));

        Assert.Contains("white space", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_abc", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Defaults_AreTheDocumentedOnes()
    {
        using var provider = Build(Valid());

        var options = provider.GetRequiredService<IOptions<GitHubOptions>>().Value;

        Assert.Equal(("https://api.github.com", 30, true), (options.ApiUrl, options.InactiveDays, options.Enabled));
        Assert.Equal(["acme", "other"], options.Organizations);
    }

    [Fact]
    public void Read_DuplicateOrganizations_AreListedOnce()
    {
        using var provider = Build(Valid(("GITHUB_ORGS", "acme, ACME ,other,,acme")));

        Assert.Equal(["acme", "other"], provider.GetRequiredService<IOptions<GitHubOptions>>().Value.Organizations);
    }

    [Fact]
    public void AddGitHubCopilot_IngestDisabled_RegistersNothingAndValidatesNothing()
    {
        using var provider = Build(new Dictionary<string, string?> { ["INGEST_GITHUB"] = "false", ["GITHUB_API_URL"] = "ftp://nowhere" });

        Assert.Empty(provider.GetServices<IDataSet>());
        Assert.Null(provider.GetService<GitHubClient>());
        Assert.Empty(provider.GetServices<IValidateOptions<GitHubOptions>>());
    }

    [Fact]
    public void AddGitHubCopilot_IngestFlagUnreadable_StillValidatesAndSaysSo()
    {
        var failures = Failures(Valid(("INGEST_GITHUB", "maybe")));

        Assert.Contains(failures, f => f.StartsWith("INGEST_GITHUB must be true or false", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Valid(params (string Name, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = Secret, ["GITHUB_ORGS"] = "acme,other" };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return values;
    }

    [Theory]
    [InlineData("GITHUB_USER_METRICS", "github_copilot_user")]
    [InlineData("GITHUB_SEAT_DETAILS", "github_copilot_seat")]
    public void Validate_AggregateWithPersonDataSet_NamesBothSettings(string setting, string blueprint)
    {
        var failure = Assert.Single(Failures(App(("PRIVACY_MODE", "aggregate"), (setting, "true"))));

        Assert.StartsWith($"{setting}=true writes one {blueprint} entity per person, but PRIVACY_MODE=aggregate writes no entity about a person", failure, StringComparison.Ordinal);
        Assert.Contains($"set {setting}=false", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AggregateWithBothPersonDataSetsAndNoScope_ListsEveryProblem()
    {
        var failures = Failures(App(("PRIVACY_MODE", "Aggregate"), ("GITHUB_USER_METRICS", "true"), ("GITHUB_SEAT_DETAILS", "yes"), ("GITHUB_ORGS", null)));

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("GITHUB_USER_METRICS=true", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_SEAT_DETAILS=true", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("GITHUB_ORGS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aggregate", "GITHUB_TEAM_METRICS")]
    [InlineData("pseudonymize", "GITHUB_USER_METRICS")]
    [InlineData("plain", "GITHUB_SEAT_DETAILS")]
    public void Validate_AggregateWithTeamsOrPersonDataSetInOtherModes_IsValid(string mode, string setting)
    {
        Assert.Empty(Failures(App(("PRIVACY_MODE", mode), (setting, "true"))));
    }

    private static Dictionary<string, string?> App(params (string Name, string? Value)[] overrides)
    {
        var values = TestGitHubApp.Settings();
        values["GITHUB_ORGS"] = "acme,other";
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return values;
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGitHubCopilot(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    private static List<string> Failures(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        try
        {
            _ = provider.GetRequiredService<IOptions<GitHubOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }
}
