using CopilotIngest.Core.Sharding;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Core.Tests.Sharding;

public sealed class ShardSettingsTests
{
    private static ShardOptions Read(string? shard = null, string? count = null, string? jobIndex = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ShardOptions.ShardSetting] = shard,
            [ShardOptions.CountSetting] = count,
            [ShardOptions.JobIndexSetting] = jobIndex,
        }).Build();
        var options = new ShardOptions();
        ShardSettings.Fill(options, configuration);
        return options;
    }

    [Theory]
    [InlineData(null, null, null, 0, 1)]
    [InlineData("0/1", null, null, 0, 1)]
    [InlineData("2/4", null, null, 2, 4)]
    [InlineData(" 1 / 3 ", null, null, 1, 3)]
    [InlineData("1/2", "8", "5", 1, 2)]
    [InlineData(null, "4", "3", 3, 4)]
    [InlineData(null, "1", null, 0, 1)]
    [InlineData(null, null, "0", 0, 1)]
    public void Fill_ValidSettings_ReadsIndexAndCount(string? shard, string? count, string? jobIndex, int expectedIndex, int expectedCount)
    {
        var options = Read(shard, count, jobIndex);

        Assert.Empty(options.SettingErrors);
        Assert.Equal(expectedIndex, options.Index);
        Assert.Equal(expectedCount, options.Count);
    }

    [Theory]
    [InlineData("4/4", null, null, "RUN_SHARD (--shard) '4/4': the shard index must be below the shard count")]
    [InlineData("5/2", null, null, "RUN_SHARD (--shard) '5/2'")]
    [InlineData("0/0", null, null, "RUN_SHARD (--shard) '0/0' is not 'i/n'")]
    [InlineData("-1/2", null, null, "RUN_SHARD (--shard) '-1/2' is not 'i/n'")]
    [InlineData("1", null, null, "RUN_SHARD (--shard) '1' is not 'i/n'")]
    [InlineData("a/b", null, null, "RUN_SHARD (--shard) 'a/b' is not 'i/n'")]
    [InlineData(null, "0", "0", "SHARD_COUNT='0' is not a whole number from 1 to 1000")]
    [InlineData(null, "four", "0", "SHARD_COUNT='four'")]
    [InlineData(null, "4", null, "SHARD_COUNT=4 needs JOB_COMPLETION_INDEX")]
    [InlineData(null, "4", "4", "JOB_COMPLETION_INDEX='4' is not a shard index from 0 to 3 (SHARD_COUNT=4)")]
    [InlineData(null, null, "2", "JOB_COMPLETION_INDEX=2 (a pod of a Kubernetes Indexed Job) but SHARD_COUNT is not set")]
    public void Fill_InvalidSettings_NamesTheVariable(string? shard, string? count, string? jobIndex, string expected)
    {
        var options = Read(shard, count, jobIndex);

        var error = Assert.Single(options.SettingErrors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
