using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;

namespace LocalPortBench;

/// <summary>An authorized HTTP client of a local Port, with the few calls the sink makes.</summary>
internal sealed class BenchClient : IDisposable
{
    private readonly HttpClient _http;

    private BenchClient(HttpClient http) => _http = http;

    public static async Task<BenchClient> ConnectAsync(LocalPortServer server, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var client = new BenchClient(http);
        var token = await client.PostAsync(
            "v1/auth/access_token",
            new JsonObject { ["clientId"] = server.ClientId, ["clientSecret"] = server.ClientSecret },
            cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    public async Task CreateBlueprintAsync(string path, CancellationToken cancellationToken)
    {
        var blueprint = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!.AsObject();
        await PostAsync("v1/blueprints", blueprint, cancellationToken);
    }

    /// <summary><c>POST .../entities/bulk?upsert=true&amp;merge=true</c>; returns how many entities Port reported as written.</summary>
    public async Task<int> BulkUpsertAsync(string blueprint, IEnumerable<JsonObject> entities, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["entities"] = new JsonArray([.. entities]) };
        var answer = await PostAsync($"v1/blueprints/{blueprint}/entities/bulk?upsert=true&merge=true", body, cancellationToken);
        return answer["entities"]?.AsArray().Count ?? 0;
    }

    /// <summary>One page of <c>POST .../entities/search</c>: the entities and the next cursor.</summary>
    public async Task<(JsonArray Entities, string? Next)> SearchAsync(string blueprint, JsonObject body, CancellationToken cancellationToken)
    {
        var answer = await PostAsync($"v1/blueprints/{blueprint}/entities/search", body, cancellationToken);
        return (answer["entities"]!.AsArray(), answer["next"]?.GetValue<string>());
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}
