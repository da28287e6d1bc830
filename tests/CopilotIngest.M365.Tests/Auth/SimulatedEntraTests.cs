using System.Net.Http.Json;
using System.Text.Json;
using CopilotIngest.Core.Http;
using CopilotIngest.Testing;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.M365.Tests.Auth;

/// <summary>The simulated Entra ID answers in the documented shapes (official examples in tests/fixtures/vendor/graph).</summary>
public sealed class SimulatedEntraTests
{
    private static HashSet<string> Keys(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name)];

    private static HttpClient Client(SimulatedGraph graph) =>
        new(ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(graph.CaCertificatePemPath))) { BaseAddress = graph.AuthorityHost };

    [Fact]
    public async Task TokenEndpoint_ClientCredentials_AnswersLikeTheOfficialExample()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 1 }, ct);
        using var client = Client(graph);

        using var response = await client.PostAsync($"{graph.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = graph.ClientId,
            ["scope"] = "https://graph.microsoft.com/.default",
            ["client_secret"] = graph.ClientSecret,
            ["grant_type"] = "client_credentials",
        }), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Superset(Keys(ReferenceFiles.ReadText("graph/token-response.example.json")), Keys(body));
        Assert.Equal("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task TokenEndpoint_InvalidScope_AnswersLikeTheOfficialErrorExample()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 1 }, ct);
        using var client = Client(graph);

        using var response = await client.PostAsync($"{graph.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = graph.ClientId,
            ["scope"] = "https://foo.microsoft.com/",
            ["client_secret"] = graph.ClientSecret,
            ["grant_type"] = "client_credentials",
        }), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Superset(Keys(ReferenceFiles.ReadText("graph/token-error-response.example.json")), Keys(body.GetRawText()));
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS70011:", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(70011, body.GetProperty("error_codes")[0].GetInt32());
    }
}
