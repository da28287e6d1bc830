using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// <c>m365_trend</c>: one <c>m365_copilot_usage_trend</c> entity per tenant and day from the user count trend
/// (<c>M365_TREND_PERIOD</c>, 180 days by default, so the first run already draws lines). Days are never deleted.
/// </summary>
internal sealed class M365TrendDataSet(
    GraphClient graph,
    TenantContextProvider tenants,
    IEntitySink sink,
    IdentifierMigration migration,
    IOptions<M365Options> options,
    M365RunGuard guard) : IDataSet
{
    public string Name => DataSetNames.Trend;

    public Task<DataSetResult> RunAsync(CancellationToken cancellationToken) => guard.RunAsync(Name, RunCoreAsync, cancellationToken);

    private async Task<DataSetResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(cancellationToken);
        var state = new ReportReadState();
        var counter = new StrongBox<int>();
        var report = await sink.UpsertAsync(M365Blueprints.UsageTrend, MapAsync(tenant, state, counter, cancellationToken), cancellationToken);

        var notes = new List<string>();
        var migrated = await FormerTenantKey.MoveAsync(migration, M365Blueprints.UsageTrend, tenant, notes, cancellationToken);
        if (counter.Value == 0 && state.MalformedRows == 0)
        {
            notes.Add("No data yet: the Copilot user count trend has no rows for this tenant.");
        }

        if (M365RunGuard.MalformedNote("the user count trend", state) is { } malformed)
        {
            notes.Add(malformed);
        }

        return new DataSetResult(Name, counter.Value, report.Upserted, report.Unchanged, migrated, [.. report.Failures, .. M365RunGuard.RowFailures("user count trend", state)], null, notes);
    }

        private async IAsyncEnumerable<PortEntity> MapAsync(TenantContext tenant, ReportReadState state, StrongBox<int> counter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var seenDays = new HashSet<DateOnly>();
        await foreach (var row in graph.GetReportRowsAsync(CopilotReport.UserCountTrend, settings.TrendPeriod, state, cancellationToken))
        {
            if (UserCountReader.ReadTrend(row, state) is { } record && seenDays.Add(record.ReportDate))
            {
                counter.Value++;
                yield return TrendMapper.Map(record, tenant, settings.ReportV2);
            }
        }
    }
}
