using System.Runtime.CompilerServices;
using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Privacy;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Checks;

/// <summary>
/// <c>verify</c> for Microsoft 365: the summary of the newest report against the <c>m365_copilot_usage_summary</c> entity
/// of that date (mapped exactly as the ingestion maps it), and the licensed users of the user detail report against the
/// number of <c>m365_copilot_user</c> entities.
/// </summary>
internal sealed class M365ParityCheck(
    GraphClient graph,
    TenantContextProvider tenants,
    IEntityStore store,
    IEntityReader reader,
    IOptions<M365Options> options) : IParityCheck
{
    private static readonly string[] s_summarySample = ["any_app_enabled_users", "any_app_active_users", "utilisation_pct", "licenses_purchased", "licenses_assigned"];

    public async IAsyncEnumerable<ParityRow> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in await GuardAsync(DataSetNames.Summary, () => SummaryAsync(cancellationToken)))
        {
            yield return row;
        }

        foreach (var row in await GuardAsync(DataSetNames.Users, () => UsersAsync(cancellationToken)))
        {
            yield return row;
        }
    }

    private async Task<List<ParityRow>> SummaryAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tenant = await tenants.GetAsync(cancellationToken);
        var state = new ReportReadState();
        UserCountSummaryRecord? newest = null;
        await foreach (var row in graph.GetReportRowsAsync(CopilotReport.UserCountSummary, settings.Period, state, cancellationToken))
        {
            if (UserCountReader.ReadSummary(row, state) is { } record && (newest is null || record.ReportRefreshDate > newest.ReportRefreshDate))
            {
                newest = record;
            }
        }

        if (newest is null)
        {
            return [new ParityRow(DataSetNames.Summary, "newest report", "no rows yet", "-", ParityOutcome.Match)];
        }

        var licences = await new CopilotSkuMatcher(settings.ExtraCopilotSkus).SumAsync(graph.GetSubscribedSkusAsync(cancellationToken), cancellationToken);
        var expected = SummaryMapper.Map(newest, tenant, settings.Period, settings.ReportV2, licences);
        var port = await reader.GetPropertiesAsync(M365Blueprints.UsageSummary, expected.Identifier, cancellationToken);
        var rows = new List<ParityRow>
        {
            ParityRow.Compare(DataSetNames.Summary, $"{settings.Period.Value} report of {ParityValues.Of(newest.ReportRefreshDate)}", expected.Identifier, port is null ? ParityValues.Missing : expected.Identifier, port is null ? "run 'copilot-ingest run' to write the newest report" : null),
        };
        if (port is null)
        {
            return rows;
        }

        foreach (var property in s_summarySample.Where(p => expected.Properties.ContainsKey(p)))
        {
            rows.Add(ParityRow.Compare(DataSetNames.Summary, property, ParityValues.Of(expected.Properties[property]), ParityValues.Of(port[property])));
        }

        return rows;
    }

    private async Task<List<ParityRow>> UsersAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.PrivacyMode == PrivacyMode.Aggregate)
        {
            return [new ParityRow(DataSetNames.Users, "m365_copilot_user entities", "aggregate mode", "not written", ParityOutcome.Match, $"{PrivacyOptions.ModeSetting}=aggregate writes no entity about a person.")];
        }

        var tenant = await tenants.GetAsync(cancellationToken);
        if (tenant.NamesConcealed == true && !settings.IncludeConcealedUsers)
        {
            return [new ParityRow(DataSetNames.Users, "m365_copilot_user entities", "names concealed", "not written", ParityOutcome.Match, TenantContextProvider.ConcealedMessage(includeConcealed: false))];
        }

        var pseudonymizer = new Pseudonymizer(settings.PrivacyMode, settings.PrivacyKey);
        var state = new ReportReadState();
        var users = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in graph.GetReportRowsAsync(CopilotReport.UsageUserDetail, settings.Period, state, cancellationToken))
        {
            if (UserActivityReader.Read(row, state) is not { } record)
            {
                continue;
            }

            var identity = UserIdentity.Resolve(record.UserPrincipalName, record.DisplayName, record.ReportRefreshDate, tenant.Key, pseudonymizer);
            if (identity.Kind != UserIdentityKind.Concealed || settings.IncludeConcealedUsers)
            {
                users.Add(identity.Identifier);
            }
        }

        var held = 0;
        var suffix = UserIdentity.ScopeSuffix(tenant.Key);
        await foreach (var identifier in store.ListIdentifiersAsync(M365Blueprints.User, null, cancellationToken))
        {
            if (identifier.EndsWith(suffix, StringComparison.Ordinal) && !UserIdentity.IsConcealedIdentifier(identifier))
            {
                held++;
            }
        }

        var named = users.Count(u => !UserIdentity.IsConcealedIdentifier(u));
        return [ParityRow.Compare(DataSetNames.Users, "m365_copilot_user entities (licensed users)", ParityValues.Of(named), ParityValues.Of(held))];
    }

    private static async Task<IEnumerable<ParityRow>> GuardAsync(string dataSet, Func<Task<List<ParityRow>>> compare)
    {
        try
        {
            return await compare();
        }
        catch (ApiException ex)
        {
            return [ParityRow.Failed(dataSet, "compare", $"{ex.Service}: {ex.Message}")];
        }
        catch (ReportNotAvailableException ex)
        {
            return [new ParityRow(dataSet, "newest report", "no data yet", "-", ParityOutcome.Match, ex.Message)];
        }
        catch (ReportFormatException ex)
        {
            return [ParityRow.Failed(dataSet, "compare", ex.Message)];
        }
    }
}
