using CopilotIngest.Core.Entities;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>A scope read for a snapshot set: its entities (mapped lazily from a small per-user state), whether the fetch was complete enough to delete what it lacks, and notes.</summary>
public sealed record ScopeSnapshot(IEnumerable<PortEntity> Entities, bool Complete, IReadOnlyList<string> Notes);
