using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;

namespace CopilotIngest.M365.Tests.Configuration;

public sealed class GraphCloudTests
{
    [Theory]
    [InlineData("https://graph.microsoft.com", "https://login.microsoftonline.com", null)]
    [InlineData("https://graph.microsoft.us", "https://login.microsoftonline.us", "graph.microsoft.us")]
    [InlineData("https://dod-graph.microsoft.us", "https://login.microsoftonline.us", "dod-graph.microsoft.us")]
    [InlineData("https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn", "microsoftgraph.chinacloudapi.cn")]
    [InlineData("https://graph-proxy.example.com", "https://login.microsoftonline.us", "login.microsoftonline.us")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000", null)]
    public void NationalCloudHost_KnownClouds(string graph, string authority, string? expected)
    {
        Assert.Equal(expected, GraphCloud.NationalCloudHost(new Uri(graph), new Uri(authority)));
    }

    [Fact]
    public async Task RunAll_NationalCloud_SaysReportsAreGlobalOnlyOnceAndSucceedsWithoutCallingGraph()
    {
        await using var harness = M365Harness.Create(new Dictionary<string, string?>
        {
            [M365Settings.TenantId] = "contoso.onmicrosoft.us",
            [M365Settings.ClientId] = "11111111-2222-3333-4444-555555555555",
            [M365Settings.ClientSecret] = "secret",
            [M365Settings.GraphUrl] = "https://graph.microsoft.us",
            [M365Settings.AuthorityHost] = "https://login.microsoftonline.us",
        });

        var results = await harness.RunAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal([DataSetNames.Summary, DataSetNames.Users, DataSetNames.Trend], results.Select(r => r.Name));
        Assert.All(results, r =>
        {
            Assert.True(r.Succeeded);
            Assert.Contains("exist only in Microsoft's global cloud", Assert.Single(r.Notes!), StringComparison.Ordinal);
        });
        Assert.Single(harness.Logs.Lines, l => l.Text.Contains("global cloud", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Text.Contains("Sending HTTP request", StringComparison.Ordinal));
    }
}
