using System.Runtime.CompilerServices;
using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Auth;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Checks;

/// <summary>
/// <c>doctor</c> for Microsoft 365, read-only: an Entra ID token, the application permissions it carries (its
/// <c>roles</c> claim), then a probe of each Graph endpoint the source reads: the usage summary report, the
/// concealed-name setting and the Copilot licences.
/// </summary>
internal sealed class M365DoctorCheck(GraphTokenSource tokens, GraphClient graph, IOptions<M365Options> options) : IDoctorCheck
{
    public const string Area = "Microsoft 365";

    public async IAsyncEnumerable<CheckResult> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string? token = null;
        string? tokenProblem = null;
        try
        {
            token = await tokens.GetTokenAsync(null, cancellationToken);
        }
        catch (ApiException ex)
        {
            tokenProblem = ex.Message;
        }

        if (token is null)
        {
            yield return CheckResult.Problem(Area, "Entra ID token", $"none from {settings.AuthorityHost}", tokenProblem ?? "Entra ID sent no token.");
            yield break;
        }

        yield return CheckResult.Ok(Area, "Entra ID token", $"obtained from {settings.AuthorityHost} for app {settings.ClientId} in tenant {settings.TenantId}");
        foreach (var result in Permissions(AccessTokenRoles.Read(token), settings))
        {
            yield return result;
        }

        yield return await ReportAsync(settings, cancellationToken);
        yield return await ConcealedNamesAsync(settings, cancellationToken);
        yield return await CopilotSkuAsync(settings, cancellationToken);
    }

    private static IEnumerable<CheckResult> Permissions(IReadOnlyList<string>? roles, M365Options settings)
    {
        if (roles is null)
        {
            yield return CheckResult.Warning(Area, "application permissions", "the access token's roles cannot be read", "The endpoint checks below show what the app may read.");
            yield break;
        }

        foreach (var permission in GraphPermissions.All)
        {
            var check = $"permission {permission.Name}";
            var granted = permission.AnyOf.FirstOrDefault(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase));
            if (granted is not null)
            {
                yield return CheckResult.Ok(Area, check, $"granted ({granted}): {permission.UsedFor}");
            }
            else if (permission.Required)
            {
                yield return CheckResult.Problem(Area, check, $"not granted: {permission.UsedFor} fail with 403", GraphPermissions.Fix(permission.AnyOf[0], settings.ClientId));
            }
            else if (permission.AnyOf[0] != "Organization.Read.All" || settings.TenantName is null)
            {
                yield return CheckResult.Warning(Area, check, $"not granted: {permission.UsedFor}", GraphPermissions.Fix(permission.AnyOf[0], settings.ClientId));
            }
        }
    }

    private async Task<CheckResult> ReportAsync(M365Options settings, CancellationToken cancellationToken)
    {
        const string check = "usage reports";
        try
        {
            var state = new ReportReadState();
            DateOnly? newest = null;
            await foreach (var row in graph.GetReportRowsAsync(CopilotReport.UserCountSummary, settings.Period, state, cancellationToken))
            {
                if (UserCountReader.ReadSummary(row, state) is { } record && (newest is null || record.ReportRefreshDate > newest))
                {
                    newest = record.ReportRefreshDate;
                }
            }

            return newest is null
                ? CheckResult.Warning(Area, check, "readable, but the user count summary has no rows yet", "Microsoft fills the Copilot reports a few days after licences are assigned; run again later.")
                : CheckResult.Ok(Area, check, $"readable: newest report {ParityValues.Of(newest)} ({settings.Period.Value})");
        }
        catch (ReportNotAvailableException ex)
        {
            return CheckResult.Warning(Area, check, "the report service has no data for this tenant yet", ex.Message);
        }
        catch (ApiException ex)
        {
            return CheckResult.Problem(Area, check, ex.StatusCode is { } status ? $"Graph answered {(int)status}" : "not readable", ex.Message);
        }
        catch (ReportFormatException ex)
        {
            return CheckResult.Problem(Area, check, "unexpected answer", ex.Message);
        }
    }

    private async Task<CheckResult> ConcealedNamesAsync(M365Options settings, CancellationToken cancellationToken)
    {
        const string check = "concealed names setting";
        try
        {
            return await graph.GetDisplayConcealedNamesAsync(cancellationToken) switch
            {
                true => CheckResult.Warning(Area, check, settings.IncludeConcealedUsers ? "on: users are anonymous and kept per report date only" : "on: m365_copilot_user entities are skipped", TenantContextProvider.ConcealedMessage(settings.IncludeConcealedUsers)),
                false => CheckResult.Ok(Area, check, "off: reports name users, so m365_copilot_user entities are written"),
                null => CheckResult.Warning(Area, check, "Graph did not say", "Concealed rows are recognised from the report itself."),
            };
        }
        catch (ApiException ex)
        {
            return CheckResult.Warning(Area, check, ex.StatusCode is { } status ? $"not readable (Graph answered {(int)status})" : "not readable", ex.Message);
        }
        catch (ReportFormatException ex)
        {
            return CheckResult.Warning(Area, check, "unexpected answer", ex.Message);
        }
    }

    private async Task<CheckResult> CopilotSkuAsync(M365Options settings, CancellationToken cancellationToken)
    {
        const string check = "Copilot licences";
        try
        {
            var licences = await new CopilotSkuMatcher(settings.ExtraCopilotSkus).SumAsync(graph.GetSubscribedSkusAsync(cancellationToken), cancellationToken);
            return licences.SkuPartNumbers.Count == 0
                ? CheckResult.Problem(Area, check, "no Copilot SKU in /subscribedSkus", $"Copilot SKUs are recognised by the service plans {string.Join(" or ", CopilotSkuMatcher.CopilotServicePlanNames)}; list other Copilot SKUs in {M365Settings.CopilotSkus}.")
                : CheckResult.Ok(Area, check, $"{string.Join(", ", licences.SkuPartNumbers)}: {licences.Purchased:N0} purchased, {licences.Assigned:N0} assigned");
        }
        catch (ApiException ex)
        {
            return CheckResult.Problem(Area, check, ex.StatusCode is { } status ? $"Graph answered {(int)status}" : "not readable", ex.Message);
        }
        catch (ReportFormatException ex)
        {
            return CheckResult.Problem(Area, check, "unexpected answer", ex.Message);
        }
    }
}
