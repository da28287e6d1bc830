using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Sharding;

/// <summary>
/// Splits a run's work units across shards. A unit is one scope (organization, enterprise) of one data set, or a
/// data set that has a single scope (the Microsoft 365 tenant). Within a data set the units are dealt round-robin in
/// the configured order, starting at a shard chosen from the data set's name, so every unit lands on exactly one
/// shard, the units of one data set are spread evenly and the data sets do not all start on shard 0. The split
/// depends only on the settings, so every shard of the same configuration agrees on it.
/// </summary>
public sealed class ShardPlan(IOptions<ShardOptions> options)
{
    public int Index => options.Value.Index;

    public int Count => options.Value.Count;

    public bool IsSharded => Count > 1;

    /// <summary>How notes name this shard, e.g. <c>shard 1/4</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"shard {Index}/{Count}");

    /// <summary>The units of <paramref name="dataSet"/> this shard runs, in their order.</summary>
    public IReadOnlyList<T> Select<T>(string dataSet, IReadOnlyList<T> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (!IsSharded)
        {
            return units;
        }

        var start = Start(dataSet, Count);
        return [.. units.Where((_, position) => (start + position) % Count == Index)];
    }

    /// <summary>Whether this shard runs <paramref name="dataSet"/>, a data set that is a single unit.</summary>
    public bool Owns(string dataSet) => !IsSharded || Start(dataSet, Count) == Index;

    /// <summary>The note of a data set this shard has nothing of.</summary>
    public string NothingHereNote(string dataSet) =>
        $"{Label}: {dataSet} has no work unit in this shard (another shard of the run does it).";

    /// <summary>The shard a data set's first unit goes to: a stable hash (FNV-1a) of its name, never the runtime's randomized string hash.</summary>
    internal static int Start(string dataSet, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataSet);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(dataSet))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)count);
    }
}
