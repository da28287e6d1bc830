using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Privacy;

/// <summary>Reports every privacy setting problem at once, each naming its environment variable (never the key).</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.SettingErrors);
        if (options.Mode == PrivacyMode.Pseudonymize)
        {
            if (string.IsNullOrEmpty(options.Key))
            {
                errors.Add($"{PrivacyOptions.KeySetting} is required when {PrivacyOptions.ModeSetting} is pseudonymize (a random secret of at least {PrivacyOptions.MinimumKeyLength} characters; keep it stable, or every pseudonym changes).");
            }
            else if (options.Key.Length < PrivacyOptions.MinimumKeyLength)
            {
                errors.Add($"{PrivacyOptions.KeySetting} must be at least {PrivacyOptions.MinimumKeyLength} characters long, so pseudonyms cannot be guessed from a list of logins.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
