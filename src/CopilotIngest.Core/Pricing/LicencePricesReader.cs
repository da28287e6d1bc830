using System.Globalization;
using System.Text.RegularExpressions;
using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Core.Pricing;

/// <summary>Fills <see cref="LicencePrices"/> from the flat settings; every unparsable value is kept as an error naming its variable.</summary>
public static partial class LicencePricesReader
{
    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    public static void Fill(LicencePrices prices, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = prices.SettingErrors;
        prices.GitHubBusiness = Price(configuration, LicencePriceSettings.GitHubBusiness, LicencePrices.DefaultGitHubBusiness, "seat", errors);
        prices.GitHubEnterprise = Price(configuration, LicencePriceSettings.GitHubEnterprise, LicencePrices.DefaultGitHubEnterprise, "seat", errors);
        prices.M365Copilot = Price(configuration, LicencePriceSettings.M365Copilot, LicencePrices.DefaultM365Copilot, "user", errors);
        prices.GitHubDefaultPlan = configuration.GetEnum(LicencePriceSettings.GitHubPlan, CopilotPlan.Business, errors);
        var currency = configuration.GetSetting(LicencePriceSettings.Currency);
        if (currency is null)
        {
            prices.Currency = LicencePrices.DefaultCurrency;
        }
        else if (CurrencyCode().IsMatch(currency.ToUpperInvariant()))
        {
            prices.Currency = currency.ToUpperInvariant();
        }
        else
        {
            errors.Add($"{LicencePriceSettings.Currency} must be a three-letter ISO 4217 currency code such as USD or EUR, got '{currency}'.");
        }
    }

    private static decimal Price(IConfiguration configuration, string name, decimal defaultValue, string per, IList<string> errors)
    {
        var text = configuration.GetSetting(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) && price <= 1_000_000m)
        {
            return price;
        }

        errors.Add($"{name} must be a non-negative amount per {per} and month with a decimal point, e.g. {defaultValue.ToString(CultureInfo.InvariantCulture)} or 17.50, got '{text}'.");
        return defaultValue;
    }
}
