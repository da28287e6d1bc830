using CopilotIngest.LocalPort.Entities;
using CopilotIngest.LocalPort.Storage;

namespace CopilotIngest.LocalPort;

/// <summary>What every endpoint shares: the database, the clock, and the acting client (recorded as createdBy/updatedBy).</summary>
internal sealed class LocalPortState(LocalPortDatabase database, TimeProvider timeProvider, string actor)
{
    public LocalPortDatabase Database { get; } = database;

    public TimeProvider Time { get; } = timeProvider;

    public string Actor { get; } = actor;

    /// <summary>See <see cref="LocalPortServerOptions.RelationTargetsMustExist"/>.</summary>
    public bool TargetsMustExist { get; init; } = true;

    /// <summary>Whether a blueprint may name <paramref name="target"/> as a relation or aggregation target.</summary>
    public bool TargetAllowed(IReadOnlySet<string> known, string target) => !TargetsMustExist || known.Contains(target);

    public string Now() => EntityDocument.Timestamp(Time.GetUtcNow());

    public EntityWriter Writer() => new(Time, Actor);

    public EntityDeleter Deleter() => new(Time, Actor);
}
