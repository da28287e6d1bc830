using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Auth;
using CopilotIngest.LocalPort.Blueprints;
using CopilotIngest.LocalPort.Dashboards;
using CopilotIngest.LocalPort.Entities;
using CopilotIngest.LocalPort.Faults;
using CopilotIngest.LocalPort.Hosting;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Pages;
using CopilotIngest.LocalPort.Scorecards;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CopilotIngest.LocalPort;

/// <summary>
/// A Port-compatible API on 127.0.0.1 backed by a SQLite file: the product's embedded default sink, the demo's backend and the
/// test double. It keeps data across restarts and rejects what Port would reject (see the endpoint classes for the rules).
/// </summary>
public sealed class LocalPortServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalPortDatabase _database;
    private readonly TimeProvider _time;
    private readonly RateLimitWindow _window;
    private readonly RequestKinds _kinds;
    private int _disposed;

    private LocalPortServer(WebApplication app, LocalPortDatabase database, LocalPortServerOptions options, LocalPortFaults faults, Uri baseAddress, RateLimitWindow window, RequestKinds kinds)
    {
        _kinds = kinds;
        _app = app;
        _database = database;
        _window = window;
        ClientId = options.ClientId;
        ClientSecret = options.ClientSecret;
        _time = options.TimeProvider;
        Faults = faults;
        BaseAddress = baseAddress;
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>; the API is under <c>/v1</c>.</summary>
    public Uri BaseAddress { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath => _database.Path;

    public LocalPortFaults Faults { get; }

    /// <summary>Requests the server has received (all routes), counted by the rate-limit window.</summary>
    public long RequestCount => _window.Requests;

    /// <summary>Requests answered 429 because the rate limit (<see cref="LocalPortServerOptions.RateLimit"/>) was used up.</summary>
    public long RateLimitedCount => _window.Rejected;

    /// <summary>
    /// Requests received so far by kind (<c>bulk upsert</c>, <c>search</c>, <c>bulk delete</c>, <c>token</c>, …), 429s
    /// included; the counts add up to <see cref="RequestCount"/>.
    /// </summary>
    public IReadOnlyDictionary<string, long> RequestCountsByKind() => _kinds.Snapshot();

    /// <summary>When the requests of one kind (as in <see cref="RequestCountsByKind"/>) arrived, in order.</summary>
    public IReadOnlyList<DateTimeOffset> RequestArrivals(string kind) => _kinds.Arrivals(kind);

    public static async Task<LocalPortServer> StartAsync(LocalPortServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClientSecret);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TokenLifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimitPeriod, TimeSpan.FromSeconds(1));

        var database = await LocalPortDatabase.OpenAsync(options.DatabasePath, cancellationToken);
        WebApplication? app = null;
        try
        {
            var signingKey = await database.WriteAsync(
                session => SettingRows.GetOrAddAsync(session, "token_signing_key", TokenService.CreateSigningKey, cancellationToken),
                cancellationToken);
            await database.WriteAsync(
                async session =>
                {
                    await BuiltInBlueprints.EnsureAsync(session, cancellationToken);
                    return true;
                },
                cancellationToken);
            var faults = new LocalPortFaults();
            var window = new RateLimitWindow(options.RateLimit, options.RateLimitPeriod, options.TimeProvider);
            var kinds = new RequestKinds(options.TimeProvider);
            app = Build(options, database, Convert.FromBase64String(signingKey), faults, window, kinds);
            await app.StartAsync(cancellationToken);
            var address = app.Urls.First();
            return new LocalPortServer(app, database, options, faults, new Uri(address.EndsWith('/') ? address : address + "/"), window, kinds);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            database.Dispose();
            throw;
        }
    }

    /// <summary>How many entities of <paramref name="blueprint"/> are stored (0 when the blueprint does not exist).</summary>
    public Task<long> CountEntitiesAsync(string blueprint, CancellationToken cancellationToken) =>
        _database.ReadAsync(session => EntityRows.CountAsync(session, blueprint, cancellationToken), cancellationToken);

    /// <summary>The identifiers of every stored blueprint, in order.</summary>
    public Task<IReadOnlyList<string>> ListBlueprintsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<string>>(
            async session => [.. (await BlueprintRows.IdentifiersAsync(session, cancellationToken)).Order(StringComparer.Ordinal)],
            cancellationToken);

    /// <summary>One stored entity as the API returns it, or null.</summary>
    public Task<JsonObject?> GetEntityAsync(string blueprint, string identifier, CancellationToken cancellationToken) =>
        _database.ReadAsync(session => EntityRows.GetAsync(session, blueprint, identifier, cancellationToken), cancellationToken);

    /// <summary>How many webhook requests were processed (their request ids are kept to drop repeats).</summary>
    public Task<int> CountWebhookRequestsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            async session => await DocumentRows.ListAsync(session, WebhookIngest.RequestKind, null, cancellationToken).CountAsync(cancellationToken),
            cancellationToken);

    /// <summary>Every stored page (dashboards), as the API returns them.</summary>
    public Task<IReadOnlyList<JsonObject>> ListPagesAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<JsonObject>>(
            async session => await DocumentRows.ListAsync(session, DocumentRows.Page, string.Empty, cancellationToken).ToListAsync(cancellationToken),
            cancellationToken);

    /// <summary>The address of a dashboard page in a browser, e.g. <c>http://127.0.0.1:41234/dashboards/copilot_usage</c>.</summary>
    public Uri DashboardAddress(string page) => new(BaseAddress, $"dashboards/{Uri.EscapeDataString(page)}");

    /// <summary>The address listing every dashboard page held.</summary>
    public Uri DashboardsAddress => new(BaseAddress, "dashboards");

    /// <summary>A dashboard page as one self-contained HTML file, its data computed now; null when no page has that identifier.</summary>
    public Task<string?> RenderDashboardAsync(string page, CancellationToken cancellationToken) =>
        DashboardPages.RenderAsync(_database, _time, page, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _database.Dispose();
    }

    private static WebApplication Build(LocalPortServerOptions options, LocalPortDatabase database, byte[] signingKey, LocalPortFaults faults, RateLimitWindow window, RequestKinds kinds)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LocalPortServer>();
        var tokens = new TokenService(signingKey, options.ClientId, options.ClientSecret, options.TokenLifetime, options.TimeProvider);
        var state = new LocalPortState(database, options.TimeProvider, options.ClientId) { TargetsMustExist = options.RelationTargetsMustExist };

        app.Use((context, next) => PortPipeline.DecorateAsync(context, next, window, kinds));
        app.Use((context, next) => PortPipeline.GuardAsync(context, next, logger));
        app.UseStatusCodePages(async statusContext => await PortPipeline.StatusCodePageAsync(statusContext.HttpContext));
        app.Use((context, next) => PortPipeline.InjectFaultsAsync(context, next, faults));
        app.Use((context, next) => BearerAuthentication.InvokeAsync(context, next, tokens));
        app.UseRouting();

        new AuthEndpoints(tokens).Map(app);
        new BlueprintEndpoints(state).Map(app);
        new EntityEndpoints(state).Map(app);
        new BulkEndpoints(state).Map(app);
        new SearchEndpoints(state).Map(app);
        new PageEndpoints(state).Map(app);
        new ScorecardEndpoints(state).Map(app);
        new DashboardEndpoints(state).Map(app);
        new WebhookEndpoints(state).Map(app);
        new WebhookIngest(state).Map(app);
        return app;
    }
}
