using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;

namespace CopilotIngest.M365.Mapping;

/// <summary>Maps one day of the user count trend to an <c>m365_copilot_usage_trend</c> entity: <c>&lt;tenant key&gt;@&lt;day&gt;</c>.</summary>
internal static class TrendMapper
{
    public static PortEntity Map(UserCountTrendRecord record, TenantContext tenant, bool v2)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(tenant);
        var day = PortValues.Day(record.ReportDate);
        var properties = new JsonObject
        {
            ["tenant"] = tenant.Key,
            ["report_date"] = PortValues.DateTime(record.ReportDate),
            ["report_refresh_date"] = PortValues.DateTime(record.ReportRefreshDate),
        };
        AppCountProperties.Add(properties, record.AnyApp, record.Apps);
        properties["utilization_pct"] = PortValues.Percent(record.AnyApp.Active, record.AnyApp.Enabled);
        if (v2)
        {
            properties["prompts_submitted"] = record.Prompts;
        }

        return new PortEntity(M365Blueprints.UsageTrend, PortIdentifier.Compose(tenant.Key, day), $"{tenant.DisplayName} M365 Copilot {day}", properties);
    }
}
