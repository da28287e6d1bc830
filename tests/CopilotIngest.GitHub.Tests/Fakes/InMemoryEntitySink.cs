using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;

namespace CopilotIngest.GitHub.Tests.Fakes;

/// <summary>An entity sink that keeps entities in memory, reporting unchanged entities as Port's sinks do.</summary>
internal sealed class InMemoryEntitySink : IEntitySink
{
    private readonly Dictionary<(string Blueprint, string Identifier), PortEntity> _entities = [];

    /// <summary>When set, every upsert fails with this exception after reading the first entity.</summary>
    public Exception? FailWith { get; set; }

    public IReadOnlyCollection<PortEntity> Entities => _entities.Values;

    public PortEntity Get(string blueprint, string identifier) => _entities[(blueprint, identifier)];

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

            if (entity.Blueprint != blueprint || !PortIdentifier.IsValid(entity.Identifier))
            {
                failures.Add(new EntityFailure(entity.Identifier, "invalid entity"));
                continue;
            }

            var key = (blueprint, entity.Identifier);
            if (_entities.TryGetValue(key, out var existing) && JsonNode.DeepEquals(existing.Properties, entity.Properties))
            {
                unchanged++;
                continue;
            }

            _entities[key] = entity;
            upserted++;
        }

        return new UpsertReport(upserted, unchanged, failures);
    }
}
