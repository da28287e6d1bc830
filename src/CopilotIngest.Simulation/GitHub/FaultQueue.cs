namespace CopilotIngest.Simulation.GitHub;

/// <summary>Injected faults, each for requests whose path and query start with a prefix, a given number of times.</summary>
internal sealed class FaultQueue
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _entries.Sum(e => e.Remaining);
            }
        }
    }

    public void Add(string pathPrefix, SimulatedFault fault, int times)
    {
        lock (_lock)
        {
            _entries.Add(new Entry(pathPrefix, fault) { Remaining = times });
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    /// <summary>Takes the first fault whose prefix matches, or null.</summary>
    public SimulatedFault? Take(string pathAndQuery)
    {
        lock (_lock)
        {
            var entry = _entries.FirstOrDefault(e => e.Remaining > 0 && pathAndQuery.StartsWith(e.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (entry is null)
            {
                return null;
            }

            entry.Remaining--;
            if (entry.Remaining == 0)
            {
                _entries.Remove(entry);
            }

            return entry.Fault;
        }
    }

    private sealed record Entry(string PathPrefix, SimulatedFault Fault)
    {
        public int Remaining { get; set; }
    }
}
