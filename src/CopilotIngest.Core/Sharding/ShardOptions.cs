namespace CopilotIngest.Core.Sharding;

/// <summary>
/// Which share of a run this process does: shard <see cref="Index"/> of <see cref="Count"/> (0-based). Read from
/// <c>RUN_SHARD=i/n</c> (what <c>run --shard i/n</c> sets), or from <c>SHARD_COUNT</c> with the Kubernetes Indexed Job's
/// <c>JOB_COMPLETION_INDEX</c>. One shard of one (the default) is the whole run.
/// </summary>
public sealed class ShardOptions
{
    /// <summary><c>RUN_SHARD</c>: <c>i/n</c>, this process runs shard i (0-based) of n.</summary>
    public const string ShardSetting = "RUN_SHARD";

    /// <summary><c>SHARD_COUNT</c>: the number of shards when the index comes from <see cref="JobIndexSetting"/>.</summary>
    public const string CountSetting = "SHARD_COUNT";

    /// <summary><c>JOB_COMPLETION_INDEX</c>: set by Kubernetes in each pod of an Indexed Job.</summary>
    public const string JobIndexSetting = "JOB_COMPLETION_INDEX";

    /// <summary>The largest number of shards accepted.</summary>
    public const int MaxCount = 1000;

    public int Index { get; set; }

    public int Count { get; set; } = 1;

    /// <summary>Problems found while reading the settings, reported by the validator.</summary>
    public IList<string> SettingErrors { get; } = [];
}
