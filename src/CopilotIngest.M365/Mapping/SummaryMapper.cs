using CopilotIngest.Core.Pricing;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;

namespace CopilotIngest.M365.Mapping;

/// <summary>Maps a user count summary row (plus the tenant's Copilot licences) to an <c>m365_copilot_usage_summary</c> entity: <c>&lt;tenant key&gt;@&lt;refresh date&gt;@&lt;period&gt;</c>.</summary>
internal static class SummaryMapper
{
    public static PortEntity Map(UserCountSummaryRecord record, TenantContext tenant, ReportPeriod requested, bool v2, CopilotLicences? licences, LicencePrices? prices = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(tenant);
        var period = record.ReportPeriodDays is { } days ? ReportPeriod.FromDays(days) : requested;
        var refreshDay = PortValues.Day(record.ReportRefreshDate);
        var properties = new JsonObject
        {
            ["tenant"] = tenant.Key,
            ["report_refresh_date"] = PortValues.DateTime(record.ReportRefreshDate),
            ["report_period"] = period.Value,
            ["report_period_days"] = period.Days,
            ["report_version"] = v2 ? "v2" : "v1",
        };
        AppCountProperties.Add(properties, record.AnyApp, record.Apps);
        properties["utilisation_pct"] = PortValues.Percent(record.AnyApp.Active, record.AnyApp.Enabled);

        if (v2)
        {
            properties["total_prompts"] = record.TotalPrompts;
            properties["average_prompts"] = record.AveragePrompts;
        }

        if (licences is not null)
        {
            properties["licenses_purchased"] = licences.Purchased;
            properties["licenses_assigned"] = licences.Assigned;
            properties["licenses_unassigned"] = licences.Unassigned;
            properties["license_assignment_pct"] = PortValues.Percent(licences.Assigned, licences.Purchased);
            properties["active_per_assigned_license_pct"] = PortValues.Percent(record.AnyApp.Active, licences.Assigned);
            properties["copilot_skus"] = new JsonArray([.. licences.SkuPartNumbers.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        if (prices is not null)
        {
            SummaryCost.Compute(record.AnyApp, licences, prices)?.WriteTo(properties);
        }

        return new PortEntity(
            M365Blueprints.UsageSummary,
            PortIdentifier.Compose(tenant.Key, refreshDay, period.Value),
            $"{tenant.DisplayName} M365 Copilot {period.Value} to {refreshDay}",
            properties);
    }
}
