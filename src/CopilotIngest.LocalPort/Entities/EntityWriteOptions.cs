namespace CopilotIngest.LocalPort.Entities;

/// <summary>The query flags of an entity write: <c>upsert</c>, <c>merge</c>, <c>create_missing_related_entities</c>, <c>validation_only</c>.</summary>
internal sealed record EntityWriteOptions(bool Upsert, bool Merge, bool CreateMissingRelated, bool ValidationOnly)
{
    /// <summary>True when the entity must already exist (PATCH).</summary>
    public bool MustExist { get; init; }
}
