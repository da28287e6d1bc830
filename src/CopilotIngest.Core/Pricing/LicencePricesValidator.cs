using System.Globalization;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Pricing;

/// <summary>Reports every licence price problem at once, each naming its environment variable.</summary>
public sealed class LicencePricesValidator : IValidateOptions<LicencePrices>
{
    public ValidateOptionsResult Validate(string? name, LicencePrices options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.SettingErrors);
        foreach (var (setting, price) in new[]
        {
            (LicencePriceSettings.GitHubBusiness, options.GitHubBusiness),
            (LicencePriceSettings.GitHubEnterprise, options.GitHubEnterprise),
            (LicencePriceSettings.M365Copilot, options.M365Copilot),
        })
        {
            if (price < 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} cannot be negative, got {price}."));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
