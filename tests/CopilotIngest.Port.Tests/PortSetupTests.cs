using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Port.Setup;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

/// <summary><c>setup</c> with the shipped blueprints, scorecards and dashboard against the local Port over loopback HTTP.</summary>
public sealed class PortSetupTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("port-setup-").FullName;
    private LocalPortServer _server = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SetupSources Shipped(string scopeType) => new(
        ReferenceFiles.Repo("configs/blueprints"),
        ReferenceFiles.Repo("configs/scorecards"),
        ReferenceFiles.Repo("configs/dashboards"),
        scopeType);

    public async ValueTask InitializeAsync()
    {
        _server = await LocalPortServer.StartAsync(
            new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db"), ClientId = FakePort.ClientId, ClientSecret = FakePort.ClientSecret },
            Ct);
        _services = PortServices.Create(_server.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<SetupPlan> ApplyAsync(string scopeType, bool dryRun = false) =>
        _services.GetRequiredService<PortSetup>().ApplyAsync(Shipped(scopeType), dryRun, Ct);

    private async Task<JsonObject?> GetAsync(string path)
    {
        var client = _services.GetRequiredService<PortClient>();
        return path.StartsWith("page:", StringComparison.Ordinal)
            ? await client.GetPageAsync(path["page:".Length..], Ct)
            : await client.GetScorecardAsync(path.Split('/')[0], path.Split('/')[1], Ct);
    }

    [Fact]
    public async Task ApplyAsync_EmptyPort_CreatesBlueprintsThenScorecardsThenPage_SecondRunAllUnchanged()
    {
        var first = await ApplyAsync(DashboardScope.Organization);
        var second = await ApplyAsync(DashboardScope.Organization);

        Assert.Equal(10, first.Blueprints.Count);
        Assert.Equal(
            ["github_copilot_seats/seat_utilisation", "github_copilot_user/copilot_activity", "m365_copilot_user/m365_copilot_activity"],
            first.Scorecards.Select(s => s.Identifier));
        Assert.Equal(["copilot_usage"], first.Pages.Select(p => p.Identifier));
        Assert.All(first.Items, item => Assert.Equal(SetupAction.Create, item.Action));
        Assert.Equal(
            [SetupKind.Blueprint, SetupKind.Scorecard, SetupKind.Page],
            first.Items.Select(i => i.Kind).Distinct());
        Assert.False(second.HasChanges, string.Join("\n", second.Describe()));
        Assert.Equal(14, second.Count(SetupAction.Unchanged));
        Assert.Single((await _server.ListPagesAsync(Ct)));
        Assert.Equal("Seat utilisation", (string?)(await GetAsync("github_copilot_seats/seat_utilisation"))!["title"]);
    }

    [Fact]
    public async Task ApplyAsync_DryRunOnEmptyPort_PlansEverythingAndChangesNothing()
    {
        var plan = await ApplyAsync(DashboardScope.Organization, dryRun: true);

        Assert.Equal(14, plan.Count(SetupAction.Create));
        Assert.Empty(await _server.ListPagesAsync(Ct));
        Assert.Null(await GetAsync("github_copilot_seats/seat_utilisation"));
        Assert.DoesNotContain(await _server.ListBlueprintsAsync(Ct), b => b.StartsWith("github_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_ScopeChangesFromOrganizationsToEnterprise_UpdatesOnlyThePage()
    {
        await ApplyAsync(DashboardScope.Organization);

        var dryRun = await ApplyAsync(DashboardScope.Enterprise, dryRun: true);
        var applied = await ApplyAsync(DashboardScope.Enterprise);
        var again = await ApplyAsync(DashboardScope.Enterprise);

        var update = Assert.Single(dryRun.Items, i => i.Action != SetupAction.Unchanged);
        Assert.Equal((SetupKind.Page, SetupAction.Update, "differs in widgets"), (update.Kind, update.Action, update.Reason));
        Assert.Single(applied.Items, i => i.Action == SetupAction.Update);
        Assert.False(again.HasChanges);
        var stored = (await GetAsync("page:copilot_usage"))!.ToJsonString();
        Assert.Contains("\"value\":\"enterprise\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\"value\":\"org\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ScorecardChangedInPort_PutsTheFileBack()
    {
        await ApplyAsync(DashboardScope.Organization);
        var edited = (await GetAsync("github_copilot_user/copilot_activity"))!;
        edited["rules"]![0]!["query"]!["conditions"]![0]!["value"] = 3;
        foreach (var audit in new[] { "createdAt", "createdBy", "updatedAt", "updatedBy", "blueprint" })
        {
            edited.Remove(audit);
        }

        await _services.GetRequiredService<PortClient>().PutScorecardAsync("github_copilot_user", "copilot_activity", edited, Ct);

        var plan = await ApplyAsync(DashboardScope.Organization);

        var item = Assert.Single(plan.Items, i => i.Action != SetupAction.Unchanged);
        Assert.Equal(("github_copilot_user/copilot_activity", "differs in rules"), (item.Identifier, item.Reason));
        Assert.Equal(1, (int)(await GetAsync("github_copilot_user/copilot_activity"))!["rules"]![0]!["query"]!["conditions"]![0]!["value"]!);
        Assert.False((await ApplyAsync(DashboardScope.Organization)).HasChanges);
    }

    private static readonly HashSet<string> s_personBlueprints = ["github_copilot_user", "github_copilot_seat", "m365_copilot_user"];

    private Task<SetupPlan> ApplyAggregateAsync(bool dryRun = false) =>
        _services.GetRequiredService<PortSetup>().ApplyAsync(Shipped(DashboardScope.Organization) with { PersonBlueprints = s_personBlueprints }, dryRun, Ct);

    private static HashSet<string> BlueprintsRead(JsonObject page) =>
        page["widgets"]!.AsArray().SelectMany(c => c!["widgets"]!.AsArray()).SelectMany(PersonWidgets.Reads).ToHashSet();

    [Fact]
    public async Task ApplyAsync_AggregateOnEmptyPort_NoScorecardOrWidgetOnAPersonBlueprint()
    {
        var plan = await ApplyAggregateAsync();

        var page = (await GetAsync("page:copilot_usage"))!;
        Assert.Empty(BlueprintsRead(page).Intersect(s_personBlueprints));
        Assert.Contains("github_copilot_seats", BlueprintsRead(page));
        Assert.Contains("m365_copilot_usage_summary", BlueprintsRead(page));
        Assert.Null(await GetAsync("github_copilot_user/copilot_activity"));
        Assert.Null(await GetAsync("m365_copilot_user/m365_copilot_activity"));
        Assert.NotNull(await GetAsync("github_copilot_seats/seat_utilisation"));
        Assert.All(page["widgets"]![0]!["layout"]!.AsArray(), row => Assert.Equal(12, row!["columns"]!.AsArray().Sum(c => (int)c!["size"]!)));
        var widgetIds = page["widgets"]![0]!["widgets"]!.AsArray().Select(w => (string)w!["id"]!).ToHashSet();
        Assert.Equal(widgetIds, page["widgets"]![0]!["layout"]!.AsArray().SelectMany(r => r!["columns"]!.AsArray()).Select(c => (string)c!["id"]!).ToHashSet());
        Assert.Contains("widget(s) on person blueprints left out", Assert.Single(plan.Pages).Reason, StringComparison.Ordinal);
        Assert.False((await ApplyAggregateAsync()).HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_SwitchToAggregate_RemovesPersonScorecardsAndWidgetsFromPort()
    {
        await ApplyAsync(DashboardScope.Organization);
        Assert.NotEmpty(BlueprintsRead((await GetAsync("page:copilot_usage"))!).Intersect(s_personBlueprints));
        await _services.GetRequiredService<PortClient>().UpsertEntityAsync("m365_copilot_user", new CopilotIngest.Core.Entities.PortEntity(
            "m365_copilot_user", "adele@contoso.com@t1", "Adele", new JsonObject { ["tenant"] = "t1", ["report_refresh_date"] = "2026-11-20T00:00:00Z" }), Ct);

        var dryRun = await ApplyAggregateAsync(dryRun: true);
        Assert.NotNull(await GetAsync("github_copilot_user/copilot_activity"));
        var plan = await ApplyAggregateAsync();

        Assert.Equal(
            ["github_copilot_user/copilot_activity", "m365_copilot_user/m365_copilot_activity"],
            plan.Scorecards.Where(s => s.Action == SetupAction.Remove).Select(s => s.Identifier));
        Assert.Equal(2, dryRun.Count(SetupAction.Remove));
        Assert.EndsWith("holds entities about people from before PRIVACY_MODE=aggregate, which neither updates nor deletes them: delete them in Port if they must go", Assert.Single(plan.Blueprints, b => b.Identifier == "m365_copilot_user").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("holds entities", Assert.Single(plan.Blueprints, b => b.Identifier == "github_copilot_user").Reason, StringComparison.Ordinal);
        Assert.Equal(1, await _server.CountEntitiesAsync("m365_copilot_user", Ct));
        Assert.Equal(SetupAction.Update, Assert.Single(plan.Pages).Action);
        Assert.Null(await GetAsync("github_copilot_user/copilot_activity"));
        Assert.Null(await GetAsync("m365_copilot_user/m365_copilot_activity"));
        Assert.Empty(BlueprintsRead((await GetAsync("page:copilot_usage"))!).Intersect(s_personBlueprints));
        Assert.False((await ApplyAggregateAsync()).HasChanges);
    }
}
