using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CopilotIngest.Testing;

/// <summary>
/// The fake Port of the tests, in one of two roles:
/// <list type="bullet">
/// <item>In process (<c>new FakePort()</c>), the <see cref="IEntitySink"/> and <see cref="IEntityStore"/> a data set writes
/// to: it keeps the latest entity per blueprint and identifier, counts what was sent and listed, and takes 1 to 100
/// identifiers per delete, as Port's bulk delete does.</item>
/// <item>On 127.0.0.1 (<see cref="StartAsync"/>), the Port the real client talks to: it answers the token endpoint
/// itself (handing out <c>tok-1</c>, <c>tok-2</c>, …), passes every other request to the test's script and records
/// when each arrived.</item>
/// </list>
/// </summary>
public sealed class FakePort : IEntitySink, IEntityStore, IAsyncDisposable
{
    /// <summary>The <c>PORT_CLIENT_ID</c> the tests configure.</summary>
    public const string ClientId = "client-id-for-tests";

    /// <summary>The <c>PORT_CLIENT_SECRET</c> the tests configure; it must never show in a log or an error.</summary>
    public const string ClientSecret = "client-secret-never-shown";

    private readonly ConcurrentDictionary<(string Blueprint, string Identifier), PortEntity> _entities = new();
    private readonly ConcurrentDictionary<(string Blueprint, string Identifier), int> _writes = new();
    private readonly ConcurrentDictionary<string, int> _listings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(RecordedRequest Request, TimeSpan At)> _calls = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ScriptedServer? _server;
    private int _tokenRequests;

    /// <summary>Identifiers whose upsert fails, as Port would reject them.</summary>
    public HashSet<string> Rejected { get; } = [];

    /// <summary>When set, every upsert throws it after reading the first entity (e.g. Port refusing the credentials).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Called after each entity is stored (e.g. to cancel a run half-way).</summary>
    public Action<PortEntity>? AfterUpsert { get; set; }

    /// <summary>Every entity deleted, in order.</summary>
    public List<(string Blueprint, string Identifier)> Deleted { get; } = [];

    /// <summary>The loopback server; only after <see cref="StartAsync"/>.</summary>
    public ScriptedServer Server => _server ?? throw new InvalidOperationException("This FakePort was not started; use FakePort.StartAsync.");

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>How many token requests arrived, the failed ones included.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>The <c>expiresIn</c> (seconds) of the default token answer.</summary>
    public double ExpiresIn { get; set; } = 10800;

    /// <summary>The <c>tokenType</c> of the default token answer.</summary>
    public string TokenType { get; set; } = "Bearer";

    /// <summary>Replaces the default token answer (e.g. to script 401 or malformed bodies).</summary>
    public Func<HttpContext, RecordedRequest, Task>? TokenHandler { get; set; }

    /// <summary>Every request except token requests, in arrival order, with the time since the fake was created.</summary>
    public IReadOnlyList<(RecordedRequest Request, TimeSpan At)> Calls => [.. _calls];

    /// <summary>Every request except token requests, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _calls.Select(c => c.Request)];

    /// <summary>Starts a Port on 127.0.0.1 that answers the token endpoint and hands every other request to <paramref name="api"/>.</summary>
    public static async Task<FakePort> StartAsync(Func<HttpContext, RecordedRequest, Task> api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var port = new FakePort();
        port._server = await ScriptedServer.StartAsync(async (context, request) =>
        {
            if (request.PathAndQuery.StartsWith("/v1/auth/access_token", StringComparison.Ordinal))
            {
                await port.AnswerTokenAsync(context, request);
                return;
            }

            port._calls.Enqueue((request, port._clock.Elapsed));
            await api(context, request);
        });
        return port;
    }

    /// <summary>The entities of <paramref name="blueprint"/>, by identifier (ordinal).</summary>
    public IReadOnlyList<PortEntity> Entities(string blueprint) =>
        [.. _entities.Where(e => e.Key.Blueprint == blueprint).Select(e => e.Value).OrderBy(e => e.Identifier, StringComparer.Ordinal)];

    public PortEntity Entity(string blueprint, string identifier) => _entities[(blueprint, identifier)];

    public bool Contains(string blueprint, string identifier) => _entities.ContainsKey((blueprint, identifier));

    /// <summary>How often an entity was sent, rejected sends included, to prove a rerun sends nothing twice.</summary>
    public int Writes(string blueprint, string identifier) => _writes.GetValueOrDefault((blueprint, identifier));

    /// <summary>How often a blueprint was listed (each listing costs one request per 1,000 entities in Port).</summary>
    public int Listings(string blueprint) => _listings.GetValueOrDefault(blueprint);

    /// <summary>Stores entities without properties, as if an earlier run or another tool had written them.</summary>
    public void Seed(string blueprint, params string[] identifiers)
    {
        foreach (var identifier in identifiers)
        {
            _entities[(blueprint, identifier)] = new PortEntity(blueprint, identifier, identifier, []);
        }
    }

    /// <summary>Everything stored, as text, for "no login or UPN anywhere" checks.</summary>
    public string AllText() =>
        string.Join('\n', _entities.Values.Select(e => $"{e.Identifier}|{e.Title}|{e.Properties.ToJsonString()}|{e.Relations?.ToJsonString()}"));

    /// <summary>Stores each entity (the whole entity replaces the stored one); an entity with equal properties counts as unchanged.</summary>
    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken)
    {
        int upserted = 0, unchanged = 0;
        var failures = new List<EntityFailure>();
        await foreach (var entity in entities.WithCancellation(cancellationToken))
        {
            if (FailWith is not null)
            {
                throw FailWith;
            }

            Assert.Equal(blueprint, entity.Blueprint);
            Assert.True(PortIdentifier.IsValid(entity.Identifier), $"invalid identifier '{entity.Identifier}'");
            var key = (blueprint, entity.Identifier);
            _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (Rejected.Contains(entity.Identifier))
            {
                failures.Add(new EntityFailure(entity.Identifier, "rejected"));
                continue;
            }

            if (_entities.TryGetValue(key, out var existing) && JsonNode.DeepEquals(existing.Properties, entity.Properties))
            {
                unchanged++;
            }
            else
            {
                upserted++;
            }

            _entities[key] = entity;
            AfterUpsert?.Invoke(entity);
        }

        return new UpsertReport(upserted, unchanged, failures);
    }

    public async IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _listings.AddOrUpdate(blueprint, 1, (_, n) => n + 1);
        await Task.Yield();
        foreach (var key in _entities.Keys.Where(k => k.Blueprint == blueprint && (identifierPrefix is null || k.Identifier.StartsWith(identifierPrefix, StringComparison.Ordinal))).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key.Identifier;
        }
    }

    /// <summary>Deletes what it holds of 1 to 100 identifiers and returns those, as Port's bulk delete does.</summary>
    public Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        Assert.InRange(identifiers.Count, 1, 100);
        var deleted = new List<string>();
        foreach (var identifier in identifiers)
        {
            if (_entities.TryRemove((blueprint, identifier), out _))
            {
                Deleted.Add((blueprint, identifier));
                deleted.Add(identifier);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(deleted);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task AnswerTokenAsync(HttpContext context, RecordedRequest request)
    {
        var number = Interlocked.Increment(ref _tokenRequests);
        if (TokenHandler is { } custom)
        {
            await custom(context, request);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var token = new JsonObject { ["ok"] = true, ["accessToken"] = $"tok-{number}", ["expiresIn"] = ExpiresIn, ["tokenType"] = TokenType };
        await context.Response.WriteAsync(token.ToJsonString(), context.RequestAborted);
    }
}
