using System.Globalization;
using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Core.Sharding;

/// <summary>Fills <see cref="ShardOptions"/> from <c>RUN_SHARD</c>, or <c>SHARD_COUNT</c> with <c>JOB_COMPLETION_INDEX</c>; every problem is kept, naming the variable.</summary>
public static class ShardSettings
{
    public static void Fill(ShardOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = options.SettingErrors;
        var shard = configuration.GetSetting(ShardOptions.ShardSetting);
        var count = configuration.GetSetting(ShardOptions.CountSetting);
        var jobIndex = configuration.GetSetting(ShardOptions.JobIndexSetting);
        if (shard is not null)
        {
            FillFromShard(options, shard, errors);
            return;
        }

        if (count is null)
        {
            if (jobIndex is not null && jobIndex != "0")
            {
                errors.Add($"{ShardOptions.JobIndexSetting}={jobIndex} (a pod of a Kubernetes Indexed Job) but {ShardOptions.CountSetting} is not set: every pod would run everything. Set {ShardOptions.CountSetting} to the Job's completions.");
            }

            return;
        }

        if (!TryCount(count, out var n))
        {
            errors.Add($"{ShardOptions.CountSetting}='{count}' is not a whole number from 1 to {ShardOptions.MaxCount}.");
            return;
        }

        options.Count = n;
        if (jobIndex is null)
        {
            if (n > 1)
            {
                errors.Add($"{ShardOptions.CountSetting}={n} needs {ShardOptions.JobIndexSetting} (set by a Kubernetes Indexed Job), or run with --shard i/{n}.");
            }

            return;
        }

        if (!int.TryParse(jobIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= n)
        {
            errors.Add($"{ShardOptions.JobIndexSetting}='{jobIndex}' is not a shard index from 0 to {n - 1} ({ShardOptions.CountSetting}={n}): the Indexed Job's completions must equal {ShardOptions.CountSetting}.");
            return;
        }

        options.Index = i;
    }

    private static void FillFromShard(ShardOptions options, string shard, IList<string> errors)
    {
        var parts = shard.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !TryCount(parts[1].Trim(), out var n))
        {
            errors.Add($"{ShardOptions.ShardSetting} (--shard) '{shard}' is not 'i/n' with a shard index i from 0 to n-1 and a shard count n from 1 to {ShardOptions.MaxCount}, e.g. 0/4.");
            return;
        }

        if (i >= n)
        {
            errors.Add($"{ShardOptions.ShardSetting} (--shard) '{shard}': the shard index must be below the shard count (shards are numbered 0 to {n - 1}).");
            return;
        }

        options.Index = i;
        options.Count = n;
    }

    private static bool TryCount(string text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= ShardOptions.MaxCount;
}
