using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Reconciliation;

/// <summary>Reports the problems found reading <c>RECONCILE_MODE</c>, naming the variable.</summary>
public sealed class ReconcileOptionsValidator : IValidateOptions<ReconcileOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconcileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SettingErrors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.SettingErrors);
    }
}
