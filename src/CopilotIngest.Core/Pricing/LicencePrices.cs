namespace CopilotIngest.Core.Pricing;

/// <summary>
/// What a Copilot licence costs per seat (or user) and month. The defaults are the vendors' public list prices in US
/// dollars (GitHub Copilot Business 19, Copilot Enterprise 39, Microsoft 365 Copilot 30 on an annual commitment);
/// set the settings to what your contract says.
/// </summary>
public sealed class LicencePrices
{
    public const decimal DefaultGitHubBusiness = 19m;
    public const decimal DefaultGitHubEnterprise = 39m;
    public const decimal DefaultM365Copilot = 30m;
    public const string DefaultCurrency = "USD";

    /// <summary><c>GITHUB_COPILOT_BUSINESS_PRICE</c>.</summary>
    public decimal GitHubBusiness { get; set; } = DefaultGitHubBusiness;

    /// <summary><c>GITHUB_COPILOT_ENTERPRISE_PRICE</c>.</summary>
    public decimal GitHubEnterprise { get; set; } = DefaultGitHubEnterprise;

    /// <summary><c>GITHUB_COPILOT_PLAN</c>: the plan assumed for a seat when neither the seat nor the organization's billing names one.</summary>
    public CopilotPlan GitHubDefaultPlan { get; set; } = CopilotPlan.Business;

    /// <summary><c>M365_COPILOT_PRICE</c>.</summary>
    public decimal M365Copilot { get; set; } = DefaultM365Copilot;

    /// <summary><c>LICENCE_CURRENCY</c>: an ISO 4217 code, written beside every amount.</summary>
    public string Currency { get; set; } = DefaultCurrency;

    /// <summary>Problems found while reading the settings, reported by the validator.</summary>
    public IList<string> SettingErrors { get; } = [];

    /// <summary>The monthly price of a GitHub Copilot seat on <paramref name="plan"/>.</summary>
    public decimal GitHubPrice(CopilotPlan plan) => plan == CopilotPlan.Enterprise ? GitHubEnterprise : GitHubBusiness;
}
