namespace CopilotIngest.Core.Sinks;

/// <summary>One entity Port holds: its identifier and the content hash the sink stored with it (null when none).</summary>
public readonly record struct HeldEntity(string Identifier, string? ContentHash);

/// <summary>
/// What Port held for one blueprint when a run listed it, before the run wrote or deleted anything: the identifiers
/// and, when the blueprint keeps one (<see cref="ContentHashProperty"/>), the content hash of each entity. A data set
/// lists its blueprint once per run and uses this one listing to skip unchanged entities, to find missing days and to
/// reconcile, so deletion guards always measure against the population that existed before the run.
/// </summary>
public sealed class HeldEntities
{
    /// <summary>The string property in which the sink keeps a hash of what it wrote, so a re-run can skip unchanged entities without asking Port.</summary>
    public const string ContentHashProperty = "content_hash";

    private readonly Dictionary<string, string?> _entities;

    public HeldEntities(string blueprint, IEnumerable<HeldEntity> entities, bool hashesKept)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(entities);
        Blueprint = blueprint;
        HashesKept = hashesKept;
        _entities = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            _entities[entity.Identifier] = entity.ContentHash;
        }
    }

    public string Blueprint { get; }

    /// <summary>True when the blueprint has <see cref="ContentHashProperty"/>, so entities are written with their hash and compared by it.</summary>
    public bool HashesKept { get; }

    public int Count => _entities.Count;

    public IReadOnlyCollection<string> Identifiers => _entities.Keys;

    public static HeldEntities Empty(string blueprint, bool hashesKept) => new(blueprint, [], hashesKept);

    public bool Contains(string identifier) => _entities.ContainsKey(identifier);

    /// <summary>The stored hash of an entity, or null when Port does not hold it or holds it without a hash.</summary>
    public string? ContentHash(string identifier) => _entities.GetValueOrDefault(identifier);

    /// <summary>The same listing without <paramref name="identifiers"/> (entities deleted since it was taken).</summary>
    public HeldEntities Without(IReadOnlyCollection<string> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return identifiers.Count == 0 ? this : new(Blueprint, _entities.Where(e => !identifiers.Contains(e.Key)).Select(e => new HeldEntity(e.Key, e.Value)), HashesKept);
    }

    /// <summary>The identifiers that start with <paramref name="prefix"/> (ordinal).</summary>
    public IEnumerable<string> WithPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _entities.Keys.Where(id => id.StartsWith(prefix, StringComparison.Ordinal));
    }
}
