namespace CopilotIngest.Core.Pricing;

/// <summary>The environment variable names of the licence prices, shared by the GitHub and Microsoft 365 sources.</summary>
public static class LicencePriceSettings
{
    /// <summary><c>GITHUB_COPILOT_BUSINESS_PRICE</c>: GitHub Copilot Business, per seat and month.</summary>
    public const string GitHubBusiness = "GITHUB_COPILOT_BUSINESS_PRICE";

    /// <summary><c>GITHUB_COPILOT_ENTERPRISE_PRICE</c>: GitHub Copilot Enterprise, per seat and month.</summary>
    public const string GitHubEnterprise = "GITHUB_COPILOT_ENTERPRISE_PRICE";

    /// <summary><c>GITHUB_COPILOT_PLAN</c>: the plan of a seat whose plan GitHub does not report.</summary>
    public const string GitHubPlan = "GITHUB_COPILOT_PLAN";

    /// <summary><c>M365_COPILOT_PRICE</c>: Microsoft 365 Copilot, per user and month.</summary>
    public const string M365Copilot = "M365_COPILOT_PRICE";

    /// <summary><c>LICENCE_CURRENCY</c>: the ISO 4217 currency of the three prices.</summary>
    public const string Currency = "LICENCE_CURRENCY";
}
