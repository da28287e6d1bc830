using Microsoft.Extensions.Options;

namespace CopilotIngest.LocalPort.Hosting;

/// <summary>Reports every problem of the local Port settings, each naming its environment variable.</summary>
internal sealed class LocalPortSettingsValidator : IValidateOptions<LocalPortSettings>
{
    public ValidateOptionsResult Validate(string? name, LocalPortSettings options)
    {
        var errors = new List<string>(options.ReadErrors);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add($"{LocalPortSettings.DatabaseSetting} must name a file for the local Port database.");
        }
        else if (Directory.Exists(options.DatabasePath))
        {
            errors.Add($"{LocalPortSettings.DatabaseSetting} names a directory ('{options.DatabasePath}'); give a file path such as '{Path.Combine(options.DatabasePath, LocalPortSettings.DefaultDatabase)}'.");
        }

        if (options.ClientId is not null && options.ClientId.Any(char.IsWhiteSpace))
        {
            errors.Add($"{LocalPortSettings.ClientIdSetting} must not contain spaces.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
