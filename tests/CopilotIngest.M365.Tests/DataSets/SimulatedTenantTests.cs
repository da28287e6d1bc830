using System.Diagnostics;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Simulation.Graph;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.M365.Tests.DataSets;

/// <summary>The three data sets end to end against the simulated tenant over HTTPS, with real Azure.Identity tokens.</summary>
public sealed class SimulatedTenantTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SimulatedGraph Graph, M365Harness Harness)> StartAsync(SimulatedGraphOptions options, Action<Dictionary<string, string?>>? settings = null)
    {
        var graph = await SimulatedGraph.StartAsync(options, Ct);
        var values = M365Harness.SettingsFor(graph);
        settings?.Invoke(values);
        return (graph, M365Harness.Create(values));
    }

    [Theory]
    [InlineData("v1.0")]
    [InlineData("beta")]
    public async Task RunAll_TenantOf2000Users_WritesOneSummary2000UsersAndTheTrend(string apiVersion)
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions(), s => s[M365Settings.ApiVersion] = apiVersion);
        await using var _ = graph;
        await using var __ = harness;

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Name}: {r.Error} {string.Join("; ", r.Failures.Select(f => f.Message))}"));
        var summary = Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary));
        Assert.Equal($"{graph.TenantId}@{graph.ReportRefreshDate:yyyy-MM-dd}@D7", summary.Identifier);
        Assert.Equal($"contoso M365 Copilot D7 to {graph.ReportRefreshDate:yyyy-MM-dd}", summary.Title);
        Assert.Equal(2000, (long)summary.Properties["any_app_enabled_users"]!);
        Assert.Equal(2050, (long)summary.Properties["licenses_purchased"]!);
        Assert.Equal(2000, (long)summary.Properties["licenses_assigned"]!);
        Assert.Equal(2000, harness.Port.Entities(M365Blueprints.User).Count);
        Assert.Equal(180, harness.Port.Entities(M365Blueprints.UsageTrend).Count);
        Assert.Equal(2000, results.Single(r => r.Name == DataSetNames.Users).Fetched);
        var activeUsers = harness.Port.Entities(M365Blueprints.User).Count(u => (bool)u.Properties["active_in_period"]!);
        Assert.Equal(activeUsers, (long)summary.Properties["any_app_active_users"]!);
        if (apiVersion == "v1.0")
        {
            Assert.Contains(graph.Requests, r => r.PathAndQuery.StartsWith("/download/reports/", StringComparison.Ordinal) && !r.HadAuthorization);
        }
        else
        {
            Assert.Equal(4, graph.Requests.Count(r => r.PathAndQuery.StartsWith("/beta/copilot/reports/getMicrosoft365CopilotUsageUserDetail", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task RunAll_SecondRun_EverythingUnchangedNothingDeleted()
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions { LicensedUsers = 40 });
        await using var _ = graph;
        await using var __ = harness;
        await harness.RunAllAsync(Ct);

        await using var again = M365Harness.Create(M365Harness.SettingsFor(graph), port: harness.Port);
        var results = await again.RunAllAsync(Ct);

        Assert.All(results, r =>
        {
            Assert.Equal(0, r.Upserted);
            Assert.Equal(r.Fetched, r.Unchanged);
            Assert.Equal(0, r.Deleted);
        });
    }

    [Fact]
    public async Task RunAll_ConcealedNames_SaysSoOnceSkipsUsersKeepsAggregates()
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions { LicensedUsers = 30, ConcealNames = true });
        await using var _ = graph;
        await using var __ = harness;
        harness.Port.Seed(M365Blueprints.User, "adele@contoso.com");

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var users = results.Single(r => r.Name == DataSetNames.Users);
        Assert.Contains("conceal user names", Assert.Single(users.Notes!), StringComparison.Ordinal);
        Assert.Equal(["adele@contoso.com"], harness.Port.Entities(M365Blueprints.User).Select(e => e.Identifier));
        Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary));
        Assert.Equal(180, harness.Port.Entities(M365Blueprints.UsageTrend).Count);
        Assert.Single(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("conceal user names", StringComparison.Ordinal));
        Assert.DoesNotContain(graph.Requests, r => r.PathAndQuery.Contains("UsageUserDetail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunUsers_ConcealedNamesIncluded_DateScopedEntriesNeverKeyedByTheHashAlone()
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions { LicensedUsers = 30, ConcealNames = true, WrapReportSettings = true }, s => s[M365Settings.IncludeConcealedUsers] = "true");
        await using var _ = graph;
        await using var __ = harness;
        var stale = $"concealed@{graph.ReportRefreshDate.AddDays(-1):yyyy-MM-dd}@00000000000000000000000000000000@{graph.TenantId}";
        var adele = $"adele@contoso.com@{graph.TenantId}";
        harness.Port.Seed(M365Blueprints.User, stale, adele);

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.True(result.Succeeded, result.Error);
        var users = harness.Port.Entities(M365Blueprints.User).Where(e => e.Identifier != adele).ToList();
        Assert.Equal(30, users.Count);
        Assert.All(users, u =>
        {
            Assert.Matches($"^concealed@{graph.ReportRefreshDate:yyyy-MM-dd}@[0-9a-f]{{32}}@{graph.TenantId}$", u.Identifier);
            Assert.Equal("concealed", (string)u.Properties["identity"]!);
            Assert.False(u.Properties.ContainsKey("upn"));
        });
        Assert.Equal([(M365Blueprints.User, stale)], harness.Port.Deleted);
        Assert.Contains(result.Notes!, n => n.Contains("did not name every user", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunUsers_PrivacySettingUnreadableButRowsConcealed_RecognisedFromRowsAndSkipped()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 12, ConcealNames = true };
        options.Faults.Add(new GraphFault("/v1.0/admin/reportSettings", GraphFaultKind.Forbidden));
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;
        harness.Port.Seed(M365Blueprints.User, "adele@contoso.com");

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(result.Notes!, n => n.StartsWith("12 user row(s) had concealed names and were skipped", StringComparison.Ordinal));
        Assert.Empty(harness.Port.Deleted);
        Assert.Contains(harness.Logs.Lines, l => l.Text.Contains("ReportSettings.Read.All", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v1.0")]
    [InlineData("beta")]
    public async Task RunAll_EmptyTenant_NoDataYetAndSuccess(string apiVersion)
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions { LicensedUsers = 10, EmptyTenant = true }, s => s[M365Settings.ApiVersion] = apiVersion);
        await using var _ = graph;
        await using var __ = harness;

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r =>
        {
            Assert.True(r.Succeeded);
            Assert.StartsWith("No data yet", Assert.Single(r.Notes!), StringComparison.Ordinal);
        });
        Assert.Empty(harness.Port.Entities(M365Blueprints.UsageSummary));
        Assert.Single(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.StartsWith("No data yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAll_MissingReportsPermission_EachReportFailsNamingReportsReadAll()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 10 };
        options.Faults.Add(new GraphFault("/v1.0/copilot/reports/", GraphFaultKind.Forbidden, Count: 100));
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r => Assert.Contains("application permission Reports.Read.All", r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunSummary_MissingLicencePermission_WritesSummaryWithoutLicencesAndFails()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 10 };
        options.Faults.Add(new GraphFault("/v1.0/subscribedSkus", GraphFaultKind.Forbidden));
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;

        var result = await harness.DataSet(DataSetNames.Summary).RunAsync(Ct);

        Assert.Contains("LicenseAssignment.Read.All", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Upserted);
        Assert.False(Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary)).Properties.ContainsKey("licenses_purchased"));
    }

    [Fact]
    public async Task RunUsers_ThrottledWithRetryAfter_WaitsAndSucceeds()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 10 };
        options.Faults.Add(new GraphFault("/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail", GraphFaultKind.Throttle) { RetryAfter = TimeSpan.FromSeconds(1) });
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;
        var clock = Stopwatch.StartNew();

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
        Assert.Equal(2, graph.Requests.Count(r => r.PathAndQuery.StartsWith("/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(GraphFaultKind.ServerError)]
    [InlineData(GraphFaultKind.ServiceUnavailable)]
    [InlineData(GraphFaultKind.DropConnection)]
    public async Task RunTrend_TransientFaultOnce_Retried(GraphFaultKind kind)
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 10 };
        options.Faults.Add(new GraphFault("/v1.0/copilot/reports/getMicrosoft365CopilotUserCountTrend", kind) { RetryAfter = TimeSpan.Zero });
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;

        var result = await harness.DataSet(DataSetNames.Trend).RunAsync(Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(180, result.Fetched);
    }

    [Fact]
    public async Task RunUsers_DownloadCutHalfWay_FailsAndDeletesNothing()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 40 };
        options.Faults.Add(new GraphFault("/download/", GraphFaultKind.TruncateBody, Count: 10));
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;
        harness.Port.Seed(M365Blueprints.User, "left@contoso.com");

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.NotNull(result.Error);
        Assert.Empty(harness.Port.Deleted);
    }

    [Fact]
    public async Task RunAll_SlowGraph_TimesOutWithMessage()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 5 };
        options.Faults.Add(new GraphFault("/v1.0/copilot/reports/getMicrosoft365CopilotUserCountTrend", GraphFaultKind.Delay, Count: 10) { Delay = TimeSpan.FromSeconds(2) });
        var graph = await SimulatedGraph.StartAsync(options, Ct);
        await using var _ = graph;
        await using var harness = M365Harness.Create(M365Harness.SettingsFor(graph), tune: t =>
        {
            t.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            t.MaxRetryAttempts = 1;
        });

        var result = await harness.DataSet(DataSetNames.Trend).RunAsync(Ct);

        Assert.Contains("did not answer", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.0", true)]
    [InlineData("v1.0", false)]
    [InlineData("beta", true)]
    public async Task RunAll_ReportVersion2_KeepsTheV2Columns(string apiVersion, bool redirect)
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions { LicensedUsers = 25, CsvViaRedirect = redirect }, s =>
        {
            s[M365Settings.ApiVersion] = apiVersion;
            s[M365Settings.ReportVersion] = "v2";
            s[M365Settings.Period] = "D28";
            s[M365Settings.TrendPeriod] = "D28";
        });
        await using var _ = graph;
        await using var __ = harness;

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var summary = Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary));
        Assert.EndsWith("@D28", summary.Identifier, StringComparison.Ordinal);
        Assert.Equal("v2", (string)summary.Properties["report_version"]!);
        Assert.Equal(25, (long)summary.Properties["edge_enabled_users"]!);
        Assert.NotNull(summary.Properties["total_prompts"]);
        Assert.Contains(harness.Port.Entities(M365Blueprints.User), u => u.Properties["copilot_chat_work_last_activity_date"] is not null);
        Assert.All(harness.Port.Entities(M365Blueprints.User), u => Assert.NotNull(u.Properties["prompts_submitted"]));
        Assert.Equal(28, harness.Port.Entities(M365Blueprints.UsageTrend).Count);
        Assert.All(harness.Port.Entities(M365Blueprints.UsageTrend), t => Assert.NotNull(t.Properties["m365_copilot_app_active_users"]));
    }

    [Fact]
    public async Task RunSummary_TenantNameSetting_UsedInIdentifiers()
    {
        var (graph, harness) = await StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, s => s[M365Settings.TenantName] = "Fabrikam EU");
        await using var _ = graph;
        await using var __ = harness;

        await harness.DataSet(DataSetNames.Summary).RunAsync(Ct);

        Assert.StartsWith("fabrikam-eu@", Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary)).Identifier, StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Requests, r => r.PathAndQuery.StartsWith("/v1.0/organization", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunSummary_DomainsUnreadable_TenantIdUsed()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 5 };
        options.Faults.Add(new GraphFault("/v1.0/organization", GraphFaultKind.Forbidden));
        var (graph, harness) = await StartAsync(options);
        await using var _ = graph;
        await using var __ = harness;

        await harness.DataSet(DataSetNames.Summary).RunAsync(Ct);

        Assert.StartsWith(graph.TenantId + "@", Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary)).Identifier, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Lines, l => l.Text.Contains("Organization.Read.All", StringComparison.Ordinal));
    }
}
