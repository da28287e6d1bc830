using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;

namespace CopilotIngest.GitHub.Tests.Fakes;

/// <summary>An in-memory Port: upserts keep the latest entity per blueprint and identifier, the store lists and deletes them.</summary>
internal sealed class FakePort : IEntitySink, IEntityStore
{
    private readonly ConcurrentDictionary<(string Blueprint, string Identifier), PortEntity> _entities = new();
    private readonly ConcurrentDictionary<(string Blueprint, string Identifier), int> _writes = new();
    private readonly ConcurrentDictionary<string, int> _listings = new(StringComparer.Ordinal);

    /// <summary>Called after each entity is stored (e.g. to cancel a run half-way).</summary>
    public Action<PortEntity>? AfterUpsert { get; set; }

    /// <summary>Identifiers whose upsert fails, as Port would reject them.</summary>
    public HashSet<string> Rejected { get; } = [];

    public List<(string Blueprint, string Identifier)> Deleted { get; } = [];

    public IReadOnlyList<PortEntity> Entities(string blueprint) =>
        [.. _entities.Where(e => e.Key.Blueprint == blueprint).Select(e => e.Value).OrderBy(e => e.Identifier, StringComparer.Ordinal)];

    public PortEntity Entity(string blueprint, string identifier) => _entities[(blueprint, identifier)];

    public bool Contains(string blueprint, string identifier) => _entities.ContainsKey((blueprint, identifier));

    /// <summary>How often an entity was sent, to prove a rerun sends nothing twice.</summary>
    public int Writes(string blueprint, string identifier) => _writes.GetValueOrDefault((blueprint, identifier));

    /// <summary>How often a blueprint was listed (each listing costs one request per 1,000 entities in Port).</summary>
    public int Listings(string blueprint) => _listings.GetValueOrDefault(blueprint);

    public void Seed(string blueprint, params string[] identifiers)
    {
        foreach (var identifier in identifiers)
        {
            _entities[(blueprint, identifier)] = new PortEntity(blueprint, identifier, identifier, []);
        }
    }

    /// <summary>Everything stored, as text, for "no login anywhere" checks.</summary>
    public string AllText() => string.Join('\n', _entities.Values.Select(e => $"{e.Identifier}|{e.Title}|{e.Properties.ToJsonString()}|{e.Relations?.ToJsonString()}"));

    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken)
    {
        int upserted = 0, unchanged = 0;
        var failures = new List<EntityFailure>();
        await foreach (var entity in entities.WithCancellation(cancellationToken))
        {
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
}
