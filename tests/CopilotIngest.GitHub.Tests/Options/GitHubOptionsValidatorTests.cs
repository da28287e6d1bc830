using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
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
    public void Validate_AppIdWithoutToken_SaysAppAuthIsNotSupportedYet()
    {
        var failure = Assert.Single(Failures(new Dictionary<string, string?> { ["GITHUB_APP_ID"] = "12345", ["GITHUB_ORGS"] = "acme" }));

        Assert.Contains("GitHub App authentication is not supported yet", failure, StringComparison.Ordinal);
        Assert.Contains("classic PAT", failure, StringComparison.Ordinal);
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
