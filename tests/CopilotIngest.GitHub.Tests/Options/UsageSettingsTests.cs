using CopilotIngest.Core.Privacy;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Tests.Options;

/// <summary>The usage settings and the shared privacy settings: defaults, ranges, and one message per problem naming the variable.</summary>
public sealed class UsageSettingsTests
{
    private const string Secret = "ghp_Secret0123456789abcdefSECRET";

    [Fact]
    public void Read_NothingSet_GivesTheDocumentedDefaults()
    {
        var options = Options(new Dictionary<string, string?>());

        Assert.Equal((28, false, false, false, 0.2, 30), (options.UsageLookbackDays, options.UserMetrics, options.TeamMetrics, options.SeatDetails, options.DeleteThreshold, options.InactiveDays));
        Assert.Equal((false, true), (options.RepoMetrics, options.RepoMetricsPrivate));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    [InlineData("35%", 0.35)]
    public void Read_DeleteThreshold_AcceptsSharesAndPercentages(string value, double expected)
    {
        Assert.Equal(expected, Options(new Dictionary<string, string?> { [GitHubSettingNames.DeleteThreshold] = value }).DeleteThreshold, 3);
    }

    [Fact]
    public void Validate_EveryUsageSettingWrong_ReportsEachNamingItsVariable()
    {
        var failures = Failures(new Dictionary<string, string?>
        {
            [GitHubSettingNames.UsageLookbackDays] = "366",
            [GitHubSettingNames.UserMetrics] = "sure",
            [GitHubSettingNames.TeamMetrics] = "maybe",
            [GitHubSettingNames.SeatDetails] = "2",
            [GitHubSettingNames.DeleteThreshold] = "1.5",
            [GitHubSettingNames.RepoMetrics] = "yes please",
            [GitHubSettingNames.RepoMetricsPrivate] = "hidden",
        });

        Assert.Equal(7, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("GITHUB_REPO_METRICS must be true or false", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_REPO_METRICS_PRIVATE must be true or false", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_USAGE_LOOKBACK_DAYS must be a whole number from 1 to 365", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_USER_METRICS must be true or false", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_TEAM_METRICS must be true or false", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_SEAT_DETAILS must be true or false", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GITHUB_DELETE_THRESHOLD must be a share from 0 to 1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "PRIVACY_KEY is required when PRIVACY_MODE is pseudonymize")]
    [InlineData("short", "PRIVACY_KEY must be at least 16 characters")]
    public void Validate_PseudonymizeWithoutAGoodKey_NamesPrivacyKeyWithoutItsValue(string? key, string expected)
    {
        var failure = Assert.Single(PrivacyFailures(new Dictionary<string, string?> { [PrivacyOptions.ModeSetting] = "pseudonymize", [PrivacyOptions.KeySetting] = key }));

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("'short'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownPrivacyMode_ListsTheAllowedModes()
    {
        var failure = Assert.Single(PrivacyFailures(new Dictionary<string, string?> { [PrivacyOptions.ModeSetting] = "hide" }));

        Assert.Equal("PRIVACY_MODE must be one of plain, pseudonymize, aggregate, got 'hide'.", failure);
    }

    [Fact]
    public void AddGitHubCopilot_Pseudonymize_RegistersAKeyedPseudonymizer()
    {
        using var provider = Build(new Dictionary<string, string?> { [PrivacyOptions.ModeSetting] = "pseudonymize", [PrivacyOptions.KeySetting] = "0123456789abcdef-key" });

        var pseudonymizer = provider.GetRequiredService<Pseudonymizer>();

        Assert.True(pseudonymizer.IsActive);
        Assert.Equal(new Pseudonymizer(PrivacyMode.Pseudonymize, "0123456789abcdef-key").Apply("mona"), pseudonymizer.Apply("MONA"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> overrides)
    {
        var values = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = Secret, ["GITHUB_ORGS"] = "acme" };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGitHubCopilot(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    private static GitHubOptions Options(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        return provider.GetRequiredService<IOptions<GitHubOptions>>().Value;
    }

    private static List<string> Failures(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GitHubOptions>>().Value);
        return [.. ex.Failures];
    }

    private static List<string> PrivacyFailures(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PrivacyOptions>>().Value);
        return [.. ex.Failures];
    }
}
