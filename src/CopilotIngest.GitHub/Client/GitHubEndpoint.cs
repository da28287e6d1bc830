namespace CopilotIngest.GitHub.Client;

/// <summary>Which GitHub resource a request reads, so errors can say what was being read.</summary>
internal enum GitHubEndpoint
{
    Seats,
    Billing,
    UsageReport,
    BillingUsage,
}
