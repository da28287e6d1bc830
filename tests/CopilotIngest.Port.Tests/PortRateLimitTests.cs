using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;
using CopilotIngest.LocalPort;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

/// <summary>Port's rate limit over real HTTP: waits Port asks for, their bound, and pacing under a limited local Port.</summary>
public sealed class PortRateLimitTests : IDisposable
{
    private const string Blueprint = TestEntities.Blueprint;

    private readonly string _directory = Directory.CreateTempSubdirectory("copilot-ingest-ratelimit-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The blueprint exists, searches find nothing; bulk calls go to <paramref name="bulk"/>.</summary>
    private static Func<HttpContext, RecordedRequest, Task> EmptyPort(Func<HttpContext, RecordedRequest, Task> bulk) =>
        (context, request) =>
            Bodies.IsBlueprintRead(request) ? Respond.Blueprint(context, Blueprint, "total_active_users", "record_date")
            : Bodies.IsSearch(request) ? Respond.Search(context, [])
            : bulk(context, request);

    private static async Task<UpsertReport> UpsertAsync(Uri baseAddress, int count, Action<PortOptions>? tune = null, IDictionary<string, string?>? settings = null)
    {
        await using var services = PortServices.Create(baseAddress, tune, settings: settings);
        var sink = services.GetRequiredService<IEntitySink>();
        return await sink.UpsertAsync(Blueprint, TestEntities.Stream(TestEntities.Many(count)), Ct);
    }

    [Fact]
    public async Task UpsertAsync_429WithRetryAfter1AndReset300_CostsAboutASecond()
    {
        var bulks = 0;
        await using var port = await FakePort.StartAsync(EmptyPort((context, request) =>
            Interlocked.Increment(ref bulks) == 1
                ? Respond.Error(context, 429, "too_many_requests", "slow down", ("Retry-After", "1"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "300"), ("x-ratelimit-limit", "35000"))
                : Respond.BulkOk(context, request)));

        // Production timeouts: the wait must not be spent inside an attempt's 30 s.
        var clock = Stopwatch.StartNew();
        var report = await UpsertAsync(port.BaseAddress, 1, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.MaxRateLimitWait = TimeSpan.FromMinutes(5);
        });
        clock.Stop();

        Assert.Equal(1, report.Upserted);
        Assert.Empty(report.Failures);
        Assert.Equal(2, bulks);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task UpsertAsync_WindowUsedUpWithResetBeyondMaxWait_FailsAtOnceNamingSetting()
    {
        await using var port = await FakePort.StartAsync((context, request) =>
            Bodies.IsSearch(request)
                ? Respond.Json(context, 200, """{"ok":true,"entities":[]}""", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "600"), ("x-ratelimit-limit", "100"))
                : Respond.BulkOk(context, request));

        var clock = Stopwatch.StartNew();
        var report = await UpsertAsync(port.BaseAddress, 3, settings: new Dictionary<string, string?> { ["PORT_MAX_RATE_LIMIT_WAIT"] = "2" }, tune: o => o.MaxRateLimitWait = TimeSpan.FromSeconds(2));
        clock.Stop();

        Assert.Equal(3, report.Failed);
        Assert.All(report.Failures, f => Assert.Contains("PORT_MAX_RATE_LIMIT_WAIT", f.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(port.Requests, Bodies.IsBulkUpsert);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task UpsertAsync_429AskingLongerThanMaxWait_NotRetriedAndNamesSetting()
    {
        await using var port = await FakePort.StartAsync(EmptyPort((context, _) =>
            Respond.Error(context, 429, "too_many_requests", "slow down", ("Retry-After", "600"))));

        var clock = Stopwatch.StartNew();
        var report = await UpsertAsync(port.BaseAddress, 2, o => o.MaxRateLimitWait = TimeSpan.FromSeconds(2));
        clock.Stop();

        Assert.Equal(2, report.Failed);
        Assert.Single(port.Requests, Bodies.IsBulkUpsert);
        Assert.All(report.Failures, f => Assert.Contains("PORT_MAX_RATE_LIMIT_WAIT", f.Message, StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void PortSettings_MaxRateLimitWaitAndAttemptTimeout_ReadAsSeconds()
    {
        var options = new PortOptions();
        PortSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PORT_MAX_RATE_LIMIT_WAIT"] = "45",
            ["PORT_ATTEMPT_TIMEOUT"] = "12",
        }).Build(), options);

        Assert.Equal(TimeSpan.FromSeconds(45), options.MaxRateLimitWait);
        Assert.Equal(TimeSpan.FromSeconds(12), options.AttemptTimeout);
        Assert.Empty(options.SettingErrors);
    }

    [Fact]
    public async Task UpsertAsync_LocalPortWithRateLimit_PacesUnderTheLimitWithFew429s()
    {
        await using var server = await LocalPortServer.StartAsync(
            new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "limited.db"), RateLimit = 100, RateLimitPeriod = TimeSpan.FromSeconds(2) },
            Ct);
        await CreateBlueprintAsync(server);

        var clock = Stopwatch.StartNew();
        await using var services = PortServices.Create(server.BaseAddress, settings: new Dictionary<string, string?>
        {
            ["PORT_CLIENT_ID"] = server.ClientId,
            ["PORT_CLIENT_SECRET"] = server.ClientSecret,
        });
        var report = await services.GetRequiredService<IEntitySink>().UpsertAsync(Blueprint, TestEntities.Stream(Unrelated(3000)), Ct);
        clock.Stop();

        Assert.Equal(3000, report.Upserted);
        Assert.Empty(report.Failures);
        Assert.Equal(3000, await server.CountEntitiesAsync(Blueprint, Ct));
        var windows = Math.Ceiling(server.RequestCount / 100.0);
        Assert.True(server.RateLimitedCount < 10, $"{server.RateLimitedCount} answers were 429 out of {server.RequestCount} requests in {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds((windows + 3) * 2), $"{server.RequestCount} requests took {clock.Elapsed}");
    }

    private static IEnumerable<PortEntity> Unrelated(int count) =>
        Enumerable.Range(0, count).Select(i => new PortEntity(Blueprint, $"load@{i:D5}", $"Load {i}", new JsonObject { ["total_active_users"] = i }, null));

    private static async Task CreateBlueprintAsync(LocalPortServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var tokenBody = new StringContent(new JsonObject { ["clientId"] = server.ClientId, ["clientSecret"] = server.ClientSecret }.ToJsonString(), Encoding.UTF8, "application/json");
        using var tokenResponse = await http.PostAsync(new Uri("v1/auth/access_token", UriKind.Relative), tokenBody, Ct);
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var blueprint = new JsonObject
        {
            ["identifier"] = Blueprint,
            ["title"] = "Usage",
            ["schema"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["total_active_users"] = new JsonObject { ["type"] = "number" },
                    ["record_date"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                    ["breakdown"] = new JsonObject { ["type"] = "string" },
                },
                ["required"] = new JsonArray(),
            },
        };
        using var content = new StringContent(blueprint.ToJsonString(), Encoding.UTF8, "application/json");
        using var created = await http.PostAsync(new Uri("v1/blueprints", UriKind.Relative), content, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
    }
}
