using System.Text.Json;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Tests.Graph;
using CopilotIngest.Testing;

namespace CopilotIngest.M365.Tests.Licences;

public sealed class CopilotLicenceTests
{
    private static List<SubscribedSkuPayload> ExampleSkus() =>
        JsonSerializer.Deserialize(ReferenceFiles.ReadText("graph/subscribedSkus.example.json"), GraphJsonContext.Default.SubscribedSkuPage)!.Value!;

    /// <summary>The Copilot SKU as Microsoft's licensing reference lists it (part number, id, service plans).</summary>
    private static SubscribedSkuPayload ReferenceCopilotSku(long enabled, long consumed)
    {
        var lines = ReferenceFiles.ReadText("graph/copilot-sku.licensing-reference.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var plans = lines.Select(f => new ServicePlanPayload(f[4], f[3], "Success", "User")).ToList();
        return new SubscribedSkuPayload(lines[0][2], lines[0][1], "Enabled", "User", consumed, new PrepaidUnitsPayload(enabled, 0, 0, 0), plans);
    }

    private static async Task<CopilotLicences> SumAsync(IEnumerable<SubscribedSkuPayload> skus, params string[] extra) =>
        await new CopilotSkuMatcher(extra).SumAsync(skus.ToAsyncEnumerable(), CancellationToken.None);

    [Fact]
    public async Task SumAsync_OfficialExampleWithoutCopilotSku_CountsNothing()
    {
        Assert.Equal(CopilotLicences.None, await SumAsync(ExampleSkus()) with { SkuPartNumbers = [] });
        Assert.Empty((await SumAsync(ExampleSkus())).SkuPartNumbers);
    }

    [Fact]
    public async Task SumAsync_ExampleSkuListedByPartNumber_PurchasedAssignedUnassigned()
    {
        var licences = await SumAsync(ExampleSkus(), "enterprisepremium");

        Assert.Equal(25, licences.Purchased);
        Assert.Equal(14, licences.Assigned);
        Assert.Equal(11, licences.Unassigned);
        Assert.Equal(["ENTERPRISEPREMIUM"], licences.SkuPartNumbers);
    }

    [Fact]
    public async Task SumAsync_SuspendedSkuListedById_NoUsableSeatsAndNoNegativeUnassigned()
    {
        var licences = await SumAsync(ExampleSkus(), "d17b27af-3f49-4822-99f9-56a661538792");

        Assert.Equal(0, licences.Purchased);
        Assert.Equal(14, licences.Assigned);
        Assert.Equal(0, licences.Unassigned);
    }

    [Fact]
    public async Task SumAsync_CopilotSkuOfTheLicensingReference_RecognisedByServicePlan()
    {
        var licences = await SumAsync([.. ExampleSkus(), ReferenceCopilotSku(300, 250)]);

        Assert.Equal(new[] { "Microsoft_365_Copilot" }, licences.SkuPartNumbers);
        Assert.Equal((300, 250, 50), (licences.Purchased, licences.Assigned, licences.Unassigned));
    }

    [Fact]
    public void IsCopilot_ServicePlanIdOnly_Recognised()
    {
        var sku = new SubscribedSkuPayload("x", "NEW_COPILOT_SKU", "Enabled", "User", 1, new PrepaidUnitsPayload(1, 0, 0, 0), [new ServicePlanPayload("3f30311c-6b1e-48a4-ab79-725b469da960", null, "Success", "User")]);

        Assert.True(new CopilotSkuMatcher([]).IsCopilot(sku));
    }

    [Fact]
    public void IsCopilot_RetiredCommercialDataProtectionPlan_NotCopilot()
    {
        var sku = new SubscribedSkuPayload("x", "SPE_E5", "Enabled", "User", 1, new PrepaidUnitsPayload(1, 0, 0, 0), [new ServicePlanPayload("0d0c0d31-fae7-41f2-b909-eaf4d7f26dba", "Bing_Chat_Enterprise", "Success", "User")]);

        Assert.False(new CopilotSkuMatcher([]).IsCopilot(sku));
    }

    [Theory]
    [InlineData("graph/reportSettings.example.json")]
    [InlineData(null)]
    public async Task GetDisplayConcealedNamesAsync_WrappedExampleAndBareEntity_True(string? file)
    {
        var body = file is null ? """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#admin/reportSettings/$entity","displayConcealedNames":true}""" : ReferenceFiles.ReadText(file);
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.JsonAsync(context, body));
        await using var harness = ScriptedGraph.Harness(server);

        Assert.True(await harness.Get<GraphClient>().GetDisplayConcealedNamesAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/v1.0/admin/reportSettings", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task GetSubscribedSkusAsync_OfficialExampleAndNextPage_ReadsAllPages()
    {
        await using var server = await ScriptedServer.StartAsync((context, request) =>
        {
            var example = ReferenceFiles.ReadText("graph/subscribedSkus.example.json");
            return request.PathAndQuery.Contains("skiptoken", StringComparison.Ordinal)
                ? ScriptedGraph.JsonAsync(context, example)
                : ScriptedGraph.JsonAsync(context, example.Replace("\"value\":", $"\"@odata.nextLink\": \"http://{context.Request.Host}/v1.0/subscribedSkus?$skiptoken=2\", \"value\":", StringComparison.Ordinal));
        });
        await using var harness = ScriptedGraph.Harness(server);

        var skus = await harness.Get<GraphClient>().GetSubscribedSkusAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, skus.Count);
        Assert.Equal(25, skus[0].PrepaidUnits!.Enabled);
        Assert.Equal("ADALLOM_S_O365", skus[0].ServicePlans![0].ServicePlanName);
    }
}
