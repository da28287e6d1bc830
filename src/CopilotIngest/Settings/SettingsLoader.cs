using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Settings;

/// <summary>
/// Builds the product's configuration: fixed overrides (the demo's), then the real environment, then the
/// <c>.env</c> file in the working directory. Secrets given as <c>NAME_FILE</c> are read into <c>NAME</c>.
/// </summary>
internal static class SettingsLoader
{
    private static readonly string[] s_fileSuffixes = ["_SECRET", "_TOKEN", "_KEY", "_PASSWORD"];

    public static LoadedSettings Load(
        IReadOnlyDictionary<string, string?> environment,
        string? dotEnvPath,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var errors = new List<string>();
        var dotEnv = dotEnvPath is null ? new Dictionary<string, string>() : DotEnvFile.Load(dotEnvPath, errors);

        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in dotEnv)
        {
            merged[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            merged[name] = value;
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        ResolveFileSecrets(merged, errors);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        return new LoadedSettings(configuration, errors, dotEnv.Count > 0 ? dotEnvPath : null);
    }

    private static void ResolveFileSecrets(Dictionary<string, string?> values, List<string> errors)
    {
        foreach (var fileSetting in values.Keys.Where(k => k.EndsWith("_FILE", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            var name = fileSetting[..^"_FILE".Length];
            if (!s_fileSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var path = values[fileSetting];
            if (string.IsNullOrWhiteSpace(path))
            {
                continue;
            }

            if (!string.IsNullOrWhiteSpace(values.GetValueOrDefault(name)))
            {
                errors.Add($"{name} and {fileSetting} are both set: keep one of them.");
                continue;
            }

            try
            {
                values[name] = File.ReadAllText(path).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{fileSetting} points to '{path}', which cannot be read: {ex.Message}");
            }
        }
    }
}

/// <summary>The configuration plus every problem found while reading it.</summary>
internal sealed record LoadedSettings(IConfigurationRoot Configuration, IReadOnlyList<string> Errors, string? DotEnvPath);
