using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;

namespace CopilotIngest.M365.Tests.Fakes;

/// <summary>An in-memory Port: upserts keep the latest entity per blueprint and identifier; deletions are recorded.</summary>
internal sealed class FakePort : IEntitySink, IEntityStore
{
    private readonly ConcurrentDictionary<(string Blueprint, string Identifier), PortEntity> _entities = new();

    public List<(string Blueprint, string Identifier)> Deleted { get; } = [];

    /// <summary>Identifiers whose upsert fails, as Port would reject them.</summary>
    public HashSet<string> Rejected { get; } = [];

    public IReadOnlyList<PortEntity> Entities(string blueprint) =>
        [.. _entities.Where(e => e.Key.Blueprint == blueprint).Select(e => e.Value).OrderBy(e => e.Identifier, StringComparer.Ordinal)];

    public PortEntity Entity(string blueprint, string identifier) => _entities[(blueprint, identifier)];

    public void Seed(string blueprint, params string[] identifiers)
    {
        foreach (var identifier in identifiers)
        {
            _entities[(blueprint, identifier)] = new PortEntity(blueprint, identifier, identifier, []);
        }
    }

    /// <summary>Everything the sink received, as JSON text (for "no UPN anywhere" checks).</summary>
    public string AllJson() => string.Join('\n', _entities.Values.Select(e => JsonSerializer.Serialize(new { e.Identifier, e.Title, Properties = e.Properties.ToJsonString(), Relations = e.Relations?.ToJsonString() })));

    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken)
    {
        var upserted = 0;
        var unchanged = 0;
        var failures = new List<EntityFailure>();
        await foreach (var entity in entities.WithCancellation(cancellationToken))
        {
            Assert.Equal(blueprint, entity.Blueprint);
            Assert.True(PortIdentifier.IsValid(entity.Identifier), $"invalid identifier '{entity.Identifier}'");
            if (Rejected.Contains(entity.Identifier))
            {
                failures.Add(new EntityFailure(entity.Identifier, "rejected"));
                continue;
            }

            var key = (blueprint, entity.Identifier);
            if (_entities.TryGetValue(key, out var existing) && existing.Properties.ToJsonString() == entity.Properties.ToJsonString())
            {
                unchanged++;
            }
            else
            {
                upserted++;
            }

            _entities[key] = entity;
        }

        return new UpsertReport(upserted, unchanged, failures);
    }

    public async IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var key in _entities.Keys.Where(k => k.Blueprint == blueprint && (identifierPrefix is null || k.Identifier.StartsWith(identifierPrefix, StringComparison.Ordinal))).ToList())
        {
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
