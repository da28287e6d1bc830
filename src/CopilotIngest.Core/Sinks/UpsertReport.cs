namespace CopilotIngest.Core.Sinks;

/// <summary>What a sink did with a stream of entities.</summary>
/// <param name="Upserted">Entities created or changed.</param>
/// <param name="Unchanged">Entities already present with equal values, so not sent again.</param>
/// <param name="Failures">Entities that could not be written, each with the target's message.</param>
public sealed record UpsertReport(int Upserted, int Unchanged, IReadOnlyList<EntityFailure> Failures)
{
    public static UpsertReport Empty { get; } = new(0, 0, []);

    public int Failed => Failures.Count;

    public UpsertReport Add(UpsertReport other) =>
        new(Upserted + other.Upserted, Unchanged + other.Unchanged, [.. Failures, .. other.Failures]);
}
