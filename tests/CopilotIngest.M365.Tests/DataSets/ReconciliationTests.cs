using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Tests.Graph;
using CopilotIngest.Simulation.Graph;
using CopilotIngest.Testing;

namespace CopilotIngest.M365.Tests.DataSets;

/// <summary>Users whose licence was removed leave Port, but only after a complete fetch and within the threshold.</summary>
public sealed class ReconciliationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The user identifier suffix of the scripted Graph's settings (<c>M365_TENANT_NAME=contoso</c>).</summary>
    private const string ScriptedTenant = "@contoso";

    private static string[] Leavers(SimulatedGraph graph, int count) => [.. Enumerable.Range(0, count).Select(i => $"left{i}@contoso.com@{graph.TenantId}")];

    private static async Task<(Core.Ingestion.DataSetResult Result, M365Harness Harness)> RunUsersAsync(SimulatedGraph graph, int leavers, string? threshold = null)
    {
        var settings = M365Harness.SettingsFor(graph);
        if (threshold is not null)
        {
            settings[M365Settings.DeleteThreshold] = threshold;
        }

        var harness = M365Harness.Create(settings);
        await harness.DataSet(DataSetNames.Users).RunAsync(Ct);
        harness.Port.Seed(M365Blueprints.User, Leavers(graph, leavers));
        harness.Port.Seed(M365Blueprints.UsageTrend, "contoso@2020-01-01");
        return (await harness.DataSet(DataSetNames.Users).RunAsync(Ct), harness);
    }

    [Fact]
    public async Task RunUsers_FewUsersLeft_DeletedAfterCompleteFetch()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 36 }, Ct);

        var (result, harness) = await RunUsersAsync(graph, leavers: 4);
        await using var _ = harness;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(4, result.Deleted);
        Assert.Equal(Leavers(graph, 4).Order(), harness.Port.Deleted.Select(d => d.Identifier).Order());
        Assert.Contains(result.Notes!, n => n.StartsWith("Microsoft 365 users: deleted 4 of the 40 m365_copilot_user entities Port held", StringComparison.Ordinal) && n.Contains("left0@contoso.com", StringComparison.Ordinal));
        Assert.Equal(36, harness.Port.Entities(M365Blueprints.User).Count);
        Assert.Single(harness.Port.Entities(M365Blueprints.UsageTrend));
    }

    [Fact]
    public async Task RunUsers_MoreLeftThanTheThreshold_NothingDeletedAndSaysWhy()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 30 }, Ct);

        var (result, harness) = await RunUsersAsync(graph, leavers: 10);
        await using var _ = harness;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, result.Deleted);
        Assert.Empty(harness.Port.Deleted);
        Assert.Equal(10, result.NotDeleted);
        Assert.Contains(result.Notes!, n => n.StartsWith("Microsoft 365 users: not deleting 10 of the 40 m365_copilot_user entities Port held before this run (25", StringComparison.Ordinal) && n.Contains("M365_DELETE_THRESHOLD=0.2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(30, 10, "0.5", 10)] // threshold raised: 10 of 40 is within it, all deleted
    [InlineData(30, 1, "0", 0)] // threshold 0: never deletes, not even one
    [InlineData(200, 150, "1", 150)] // many leavers: deleted in batches of at most 100 (FakePort takes 1 to 100 per delete)
    public async Task RunUsers_DeleteThresholdSetting_DeletesLeaversOnlyWithinIt(int licensed, int leavers, string threshold, int deleted)
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = licensed }, Ct);

        var (result, harness) = await RunUsersAsync(graph, leavers, threshold);
        await using var _ = harness;

        Assert.Equal(deleted, result.Deleted);
        Assert.Equal(deleted, harness.Port.Deleted.Count);
    }

    [Fact]
    public async Task RunUsers_MalformedRowInReport_NothingDeleted()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv + "2026-07-03,broken@contoso.com\r\n"));
        await using var harness = ScriptedGraph.Harness(server);
        harness.Port.Seed(M365Blueprints.User, "left@contoso.com" + ScriptedTenant);

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.Equal(2, result.Upserted);
        Assert.Equal("usage user detail line 4", Assert.Single(result.Failures).Identifier);
        Assert.Empty(harness.Port.Deleted);
        Assert.Contains(result.Notes!, n => n.StartsWith("No user was deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunUsers_SomeUpsertsRejected_NothingDeleted()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv));
        await using var harness = ScriptedGraph.Harness(server);
        harness.Port.Seed(M365Blueprints.User, "left@contoso.com" + ScriptedTenant);
        harness.Port.Rejected.Add("alex@contoso.com" + ScriptedTenant);

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.Equal(1, result.Failed);
        Assert.Empty(harness.Port.Deleted);
    }

    [Fact]
    public async Task RunUsers_ReportFailsEntirely_NothingDeleted()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.ErrorAsync(context, 500, "generalException", "Boom."));
        await using var harness = ScriptedGraph.Harness(server);
        harness.Port.Seed(M365Blueprints.User, "left@contoso.com" + ScriptedTenant);

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.NotNull(result.Error);
        Assert.Empty(harness.Port.Deleted);
    }
}
