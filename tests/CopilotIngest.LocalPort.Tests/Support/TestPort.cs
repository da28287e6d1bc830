using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.LocalPort.Tests.Support;

/// <summary>A started local Port on a temporary SQLite file, with an authorized HttpClient and a fake clock.</summary>
internal sealed class TestPort : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsDirectory;

    private TestPort(LocalPortServer server, string directory, FakeTimeProvider time, bool ownsDirectory)
    {
        Server = server;
        Directory = directory;
        Time = time;
        _ownsDirectory = ownsDirectory;
        Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LocalPortServer Server { get; private set; }

    public HttpClient Client { get; private set; }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "port.db");

    public FakeTimeProvider Time { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestPort> StartAsync(int rateLimit = 35_000, string? directory = null, string clientSecret = "test-secret")
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "localport-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(Start);
        var server = await LocalPortServer.StartAsync(Options(directory, time, rateLimit, clientSecret), Ct);
        var port = new TestPort(server, directory, time, ownsDirectory);
        await port.AuthorizeAsync();
        return port;
    }

    /// <summary>Stops the server and starts a new one on the same database file.</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        Client.Dispose();
        Server = await LocalPortServer.StartAsync(Options(Directory, Time, 35_000, Server.ClientSecret), Ct);
        Client = new HttpClient { BaseAddress = Server.BaseAddress };
        await AuthorizeAsync();
    }

    public async Task<string> AuthorizeAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/auth/access_token", $$"""{"clientId":"{{Server.ClientId}}","clientSecret":"{{Server.ClientSecret}}"}""", authorized: false);
        var body = await ReadAsync(response);
        var token = body["accessToken"]!.GetValue<string>();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, bool authorized = true, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (!authorized)
        {
            request.Headers.Authorization = null;
            using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
            return await anonymous.SendAsync(request, Ct);
        }

        return await Client.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException("Not a JSON object: " + text);
    }

    /// <summary>Sends and returns status and body in one go.</summary>
    public async Task<(int Status, JsonObject Body)> CallAsync(HttpMethod method, string path, string? json = null)
    {
        using var response = await SendAsync(method, path, json);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task CreateBlueprintAsync(string json)
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "/v1/blueprints", json);
        Assert.True(status == 201, $"blueprint not created: {status} {body.ToJsonString()}");
    }

    public async Task<JsonObject> GetEntityAsync(string blueprint, string identifier)
    {
        var (status, body) = await CallAsync(HttpMethod.Get, $"/v1/blueprints/{blueprint}/entities/{Uri.EscapeDataString(identifier)}");
        Assert.True(status == 200, $"entity not found: {status} {body.ToJsonString()}");
        return body["entity"]!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (_ownsDirectory && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static LocalPortServerOptions Options(string directory, FakeTimeProvider time, int rateLimit, string clientSecret) => new()
    {
        DatabasePath = Path.Combine(directory, "port.db"),
        ClientId = "test-client",
        ClientSecret = clientSecret,
        TimeProvider = time,
        RateLimit = rateLimit,
    };
}
