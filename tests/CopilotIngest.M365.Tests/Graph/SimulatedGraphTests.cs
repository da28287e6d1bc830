using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Auth;
using CopilotIngest.M365.Graph;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.M365.Tests.Graph;

/// <summary>Wire-format promises of the simulated Graph that the client relies on.</summary>
public sealed class SimulatedGraphTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(SimulatedGraph graph) =>
        new(ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(graph.CaCertificatePemPath))) { BaseAddress = graph.GraphBaseAddress };

    private static async Task<string> TokenAsync(HttpClient client, SimulatedGraph graph)
    {
        using var response = await client.PostAsync($"{graph.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = graph.ClientId,
            ["scope"] = GraphTokenSource.ScopeFor(graph.GraphBaseAddress),
            ["client_secret"] = graph.ClientSecret,
            ["grant_type"] = "client_credentials",
        }), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task CsvReport_V1_RedirectsToDownloadThatRejectsTheTokenAndServesBomCsv()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 3 }, Ct);
        using var client = Client(graph);
        var token = await TokenAsync(client, graph);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var redirect = await client.SendAsync(request, Ct);
        var location = redirect.Headers.Location!;
        using var withToken = new HttpRequestMessage(HttpMethod.Get, location);
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var rejected = await client.SendAsync(withToken, Ct);
        var bytes = await client.GetByteArrayAsync(location, Ct);

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Copilot Chat Last Activity Date,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Graph_WithoutToken_Unauthorized()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 1 }, Ct);
        using var client = Client(graph);

        using var response = await client.GetAsync("v1.0/subscribedSkus", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Graph_UnknownSegment_AnswersLikeGraph()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 1 }, Ct);
        using var client = Client(graph);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, graph));

        using var response = await client.GetAsync("v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D28')", Ct);
        var (code, message) = GraphErrors.ReadError(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", code);
        Assert.Contains("D28", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_UsedUpAfterTheirCount()
    {
        var options = new SimulatedGraphOptions { LicensedUsers = 1 };
        options.Faults.Add(new GraphFault("/v1.0/subscribedSkus", GraphFaultKind.Throttle, Count: 2) { RetryAfter = TimeSpan.FromSeconds(7) });
        await using var graph = await SimulatedGraph.StartAsync(options, Ct);
        using var client = Client(graph);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, graph));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("v1.0/subscribedSkus", Ct);
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Reports_SameSeed_SameTenant()
    {
        await using var first = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 20, Seed = 7 }, Ct);
        await using var second = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 20, Seed = 7 }, Ct);

        async Task<string> CsvAsync(SimulatedGraph graph)
        {
            using var client = Client(graph);
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, graph));
            using var redirect = await client.SendAsync(request, Ct);
            return await client.GetStringAsync(redirect.Headers.Location, Ct);
        }

        Assert.Equal(await CsvAsync(first), await CsvAsync(second));
        Assert.Equal(first.TenantId, second.TenantId);
    }
}
