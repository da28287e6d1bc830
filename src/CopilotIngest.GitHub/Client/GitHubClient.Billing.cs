using System.Globalization;
using CopilotIngest.GitHub.Billing;
using CopilotIngest.GitHub.Json;

namespace CopilotIngest.GitHub.Client;

/// <summary>GitHub's billing usage API: premium requests (AI credits) per day.</summary>
public sealed partial class GitHubClient
{
    /// <summary>
    /// <c>GET /organizations/{org}/settings/billing/premium_request/usage?year=&amp;month=&amp;day=</c> (or
    /// <c>/enterprises/{enterprise}/…</c>): the premium request usage of one day. A refusal (403) or an account without
    /// the enhanced billing platform (404) throws an <see cref="Core.Http.ApiException"/> with that status.
    /// </summary>
    public async Task<IReadOnlyList<PremiumRequestItem>> GetPremiumRequestUsageAsync(SeatScope scope, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var root = scope.Type == SeatScopeType.Organization ? "organizations" : "enterprises";
        var uri = new Uri(Options.ApiBaseUri, string.Create(CultureInfo.InvariantCulture, $"{root}/{Uri.EscapeDataString(scope.Slug)}/settings/billing/premium_request/usage?year={day.Year}&month={day.Month}&day={day.Day}"));
        var response = await GetAsync(uri, scope, GitHubEndpoint.BillingUsage, cancellationToken);
        return GitHubPayload.ParsePremiumRequestUsage(response.Body, uri.AbsolutePath);
    }
}
