namespace CopilotIngest.LocalPort.Faults;

/// <summary>Fault injection for tests: queued <see cref="Fault"/>s are consumed by matching requests, first queued first.</summary>
public sealed class LocalPortFaults
{
    private readonly Lock _gate = new();
    private readonly List<Slot> _slots = [];
    private int _triggered;

    /// <summary>How many requests a fault has been applied to so far.</summary>
    public int Triggered => Volatile.Read(ref _triggered);

    /// <summary>Fault uses not consumed yet.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _slots.Sum(s => s.Remaining);
            }
        }
    }

    public void Enqueue(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentException.ThrowIfNullOrEmpty(fault.PathPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        if (fault.StatusCode is { } status)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        }

        lock (_gate)
        {
            _slots.Add(new Slot(fault, fault.Times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _slots.Clear();
        }
    }

    /// <summary>Takes one use of the first fault matching the request, or null.</summary>
    internal Fault? TryTake(string method, string path)
    {
        lock (_gate)
        {
            var slot = _slots.Find(s => s.Fault.Matches(method, path));
            if (slot is null)
            {
                return null;
            }

            slot.Remaining--;
            if (slot.Remaining == 0)
            {
                _slots.Remove(slot);
            }

            Interlocked.Increment(ref _triggered);
            return slot.Fault;
        }
    }

    private sealed class Slot(Fault fault, int remaining)
    {
        public Fault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
