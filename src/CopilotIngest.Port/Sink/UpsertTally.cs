using CopilotIngest.Core.Sinks;

namespace CopilotIngest.Port.Sink;

/// <summary>Counts what concurrent batches did; safe to use from several threads.</summary>
internal sealed class UpsertTally
{
    private readonly Lock _lock = new();
    private readonly List<EntityFailure> _failures = [];
    private int _upserted;
    private int _unchanged;

    public void AddUpserted(int count) => Interlocked.Add(ref _upserted, count);

    public void AddUnchanged(int count) => Interlocked.Add(ref _unchanged, count);

    public void Fail(string identifier, string message)
    {
        lock (_lock)
        {
            _failures.Add(new EntityFailure(identifier, message));
        }
    }

    public void FailAll(IEnumerable<SerializedEntity> entities, string message)
    {
        lock (_lock)
        {
            _failures.AddRange(entities.Select(e => new EntityFailure(e.Identifier, message)));
        }
    }

    public UpsertReport ToReport()
    {
        lock (_lock)
        {
            return new UpsertReport(Volatile.Read(ref _upserted), Volatile.Read(ref _unchanged), [.. _failures]);
        }
    }
}
