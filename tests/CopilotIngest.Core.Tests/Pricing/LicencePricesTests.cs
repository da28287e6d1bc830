using System.Text.Json.Nodes;
using CopilotIngest.Core.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Tests.Pricing;

public sealed class LicencePricesTests
{
    private static LicencePrices Read(IDictionary<string, string?> settings)
    {
        var prices = new LicencePrices();
        LicencePricesReader.Fill(prices, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return prices;
    }

    [Fact]
    public void Fill_NothingSet_ListPricesInUsd()
    {
        var prices = Read(new Dictionary<string, string?>());

        Assert.Empty(prices.SettingErrors);
        Assert.Equal((19m, 39m, 30m, "USD", CopilotPlan.Business), (prices.GitHubBusiness, prices.GitHubEnterprise, prices.M365Copilot, prices.Currency, prices.GitHubDefaultPlan));
    }

    [Fact]
    public void Fill_EverySettingSet_ReadsEach()
    {
        var prices = Read(new Dictionary<string, string?>
        {
            [LicencePriceSettings.GitHubBusiness] = "17.50",
            [LicencePriceSettings.GitHubEnterprise] = "0",
            [LicencePriceSettings.M365Copilot] = " 28.2 ",
            [LicencePriceSettings.Currency] = "eur",
            [LicencePriceSettings.GitHubPlan] = "enterprise",
        });

        Assert.Empty(prices.SettingErrors);
        Assert.Equal((17.50m, 0m, 28.2m, "EUR", CopilotPlan.Enterprise), (prices.GitHubBusiness, prices.GitHubEnterprise, prices.M365Copilot, prices.Currency, prices.GitHubDefaultPlan));
    }

    [Theory]
    [InlineData(LicencePriceSettings.GitHubBusiness, "-1")]
    [InlineData(LicencePriceSettings.GitHubBusiness, "19,00")]
    [InlineData(LicencePriceSettings.GitHubEnterprise, "thirty-nine")]
    [InlineData(LicencePriceSettings.M365Copilot, "$30")]
    [InlineData(LicencePriceSettings.M365Copilot, "1e3")]
    public void Fill_PriceNotANonNegativeDecimal_ErrorNamesTheVariable(string setting, string value)
    {
        var prices = Read(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.Single(prices.SettingErrors);
        Assert.StartsWith($"{setting} must be a non-negative amount per ", error, StringComparison.Ordinal);
        Assert.EndsWith($"got '{value}'.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LicencePriceSettings.Currency, "dollars", "LICENCE_CURRENCY must be a three-letter ISO 4217 currency code such as USD or EUR, got 'dollars'.")]
    [InlineData(LicencePriceSettings.GitHubPlan, "pro", "GITHUB_COPILOT_PLAN must be one of business, enterprise, got 'pro'.")]
    public void Fill_UnknownCurrencyOrPlan_ErrorNamesTheVariable(string setting, string value, string expected)
    {
        var prices = Read(new Dictionary<string, string?> { [setting] = value });

        Assert.Equal(expected, Assert.Single(prices.SettingErrors));
    }

    [Fact]
    public void AddLicencePrices_SeveralBadSettings_StartUpListsEveryProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LicencePriceSettings.GitHubBusiness] = "abc",
            [LicencePriceSettings.M365Copilot] = "-30",
            [LicencePriceSettings.Currency] = "€",
        }).Build();
        using var provider = new ServiceCollection().AddLicencePrices(configuration).AddLicencePrices(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LicencePrices>>().Value);

        Assert.Equal(3, failure.Failures.Count());
        Assert.Contains(failure.Failures, f => f.StartsWith(LicencePriceSettings.GitHubBusiness, StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith(LicencePriceSettings.M365Copilot, StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith(LicencePriceSettings.Currency, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NegativePriceSetInCode_Fails()
    {
        var result = new LicencePricesValidator().Validate(null, new LicencePrices { GitHubEnterprise = -1m });

        Assert.Equal("GITHUB_COPILOT_ENTERPRISE_PRICE cannot be negative, got -1.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(3, 19.0)]
    [InlineData(7, 8.14)]
    public void CostPerActiveUser_ActiveUsers_SpendDividedOrNullWithoutAnyone(int active, double? expected)
    {
        var cost = new LicenceCost(57m, 19m, 0m, active, "USD");

        Assert.Equal(expected is null ? null : (decimal)expected.Value, cost.CostPerActiveUser);
    }

    [Fact]
    public void WriteTo_UnknownNeverUsed_NullNeverUsedAndWastedIsInactiveOnly()
    {
        var properties = new JsonObject();

        new LicenceCost(300m, 60.004m, null, 0, "EUR").WriteTo(properties);

        Assert.Equal(300m, (decimal)properties["monthly_spend"]!);
        Assert.Equal(60m, (decimal)properties["inactive_spend"]!);
        Assert.Null(properties["never_used_spend"]);
        Assert.True(properties.ContainsKey("never_used_spend"));
        Assert.Equal(60m, (decimal)properties["wasted_spend"]!);
        Assert.Null(properties["cost_per_active_user"]);
        Assert.Equal("EUR", (string)properties["currency"]!);
    }
}
