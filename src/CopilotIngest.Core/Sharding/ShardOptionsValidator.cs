using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Sharding;

/// <summary>Reports the problems found reading <c>SHARD</c>, <c>SHARD_COUNT</c> and <c>JOB_COMPLETION_INDEX</c>.</summary>
public sealed class ShardOptionsValidator : IValidateOptions<ShardOptions>
{
    public ValidateOptionsResult Validate(string? name, ShardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SettingErrors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.SettingErrors);
    }
}
