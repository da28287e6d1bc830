using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Pricing;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// <c>m365_summary</c>: one <c>m365_copilot_usage_summary</c> entity per tenant, report refresh date and period, from
/// the user count summary plus the Copilot licences of <c>/subscribedSkus</c>.
/// </summary>
internal sealed class M365SummaryDataSet(
    GraphClient graph,
    TenantContextProvider tenants,
    IEntitySink sink,
    IdentifierMigration migration,
    IOptions<M365Options> options,
    IOptions<LicencePrices> prices,
    M365RunGuard guard,
    TimeProvider timeProvider) : IDataSet
{
    /// <summary>A newest report older than this many days earns a note: Microsoft's report service is late.</summary>
    private const int StaleAfterDays = 7;

    public string Name => DataSetNames.Summary;

    public Task<DataSetResult> RunAsync(CancellationToken cancellationToken) => guard.RunAsync(Name, RunCoreAsync, cancellationToken);

    private async Task<DataSetResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tenant = await tenants.GetAsync(cancellationToken);
        var state = new ReportReadState();
        var records = new List<UserCountSummaryRecord>();
        await foreach (var row in graph.GetReportRowsAsync(CopilotReport.UserCountSummary, settings.Period, state, cancellationToken))
        {
            if (UserCountReader.ReadSummary(row, state) is { } record)
            {
                records.Add(record);
            }
        }

        var notes = new List<string>();
        if (records.Count == 0 && state.MalformedRows == 0)
        {
            notes.Add("No data yet: the Copilot user count summary has no rows for this tenant. Nothing to ingest.");
            return new DataSetResult(Name, 0, 0, 0, 0, [], null, notes);
        }

        string? licenceError = null;
        CopilotLicences? licences = null;
        try
        {
            licences = await new CopilotSkuMatcher(settings.ExtraCopilotSkus).SumAsync(graph.GetSubscribedSkusAsync(cancellationToken), cancellationToken);
            if (licences.SkuPartNumbers.Count == 0)
            {
                notes.Add($"No Copilot SKU found in /subscribedSkus (recognised by the service plans M365_COPILOT_APPS or M365_COPILOT_BUSINESS_CHAT); list other Copilot SKUs in {M365Settings.CopilotSkus}.");
            }
        }
        catch (Exception ex) when (ex is ApiException or ReportFormatException)
        {
            licenceError = "The usage summary was written without licence counts: " + ex.Message;
        }

        var entities = records.Select(r => SummaryMapper.Map(r, tenant, settings.Period, settings.ReportV2, licences, prices.Value)).ToList();
        var report = await sink.UpsertAsync(M365Blueprints.UsageSummary, entities.ToAsyncEnumerable(), cancellationToken);

        var migrated = await FormerTenantKey.MoveAsync(migration, M365Blueprints.UsageSummary, tenant, notes, cancellationToken);
        var newest = records.Max(r => r.ReportRefreshDate);
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (today.DayNumber - newest.DayNumber > StaleAfterDays)
        {
            notes.Add($"The newest Copilot report is from {PortValues.Day(newest)}, {today.DayNumber - newest.DayNumber} days ago: Microsoft's report service is behind; the next runs will catch up.");
        }

        if (M365RunGuard.MalformedNote("the user count summary", state) is { } malformed)
        {
            notes.Add(malformed);
        }

        return new DataSetResult(
            Name,
            records.Count,
            report.Upserted,
            report.Unchanged,
            migrated,
            [.. report.Failures, .. M365RunGuard.RowFailures("user count summary", state)],
            licenceError,
            notes);
    }
}
