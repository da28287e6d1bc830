using CopilotIngest.Core.Redaction;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Settings;

/// <summary>
/// Builds the product's configuration: fixed overrides (the demo's), then the real environment, then the
/// <c>.env</c> file in the working directory. Secrets given as <c>NAME_FILE</c> are read into <c>NAME</c>.
/// </summary>
internal static class SettingsLoader
{
    /// <summary>A secret file holds one secret: a token, a password or a PEM key, never more than this.</summary>
    public const int MaxSecretFileBytes = 64 * 1024;

    public static LoadedSettings Load(
        IReadOnlyDictionary<string, string?> environment,
        string? dotEnvPath,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var dotEnv = dotEnvPath is null ? new Dictionary<string, string>() : DotEnvFile.Load(dotEnvPath, errors, warnings);

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
        CheckHeaderValues(merged, errors);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        return new LoadedSettings(configuration, errors, dotEnv.Count > 0 ? dotEnvPath : null) { Warnings = warnings };
    }

    private static void ResolveFileSecrets(Dictionary<string, string?> values, List<string> errors)
    {
        foreach (var fileSetting in values.Keys.Where(k => k.EndsWith("_FILE", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            var name = fileSetting[..^"_FILE".Length];
            if (!SecretRedactor.IsSecretSetting(name))
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
                var secret = ReadSecretFile(path);
                if (secret is null)
                {
                    errors.Add($"{fileSetting}={path} is larger than {MaxSecretFileBytes / 1024} KiB: a secret file holds the secret alone (a token, a password or a PEM key).");
                }
                else if (secret.Trim().Length == 0)
                {
                    errors.Add($"{fileSetting}={path} is empty: put the secret in that file, or set {name} instead.");
                }
                else
                {
                    values[name] = secret.TrimEnd('\r', '\n');
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{fileSetting} points to '{path}', which cannot be read: {ex.Message}");
            }
        }
    }

    /// <summary>Reads at most <see cref="MaxSecretFileBytes"/> (a device such as /dev/zero never ends); null when the file is larger.</summary>
    private static string? ReadSecretFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.None);
        var buffer = new byte[MaxSecretFileBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total > MaxSecretFileBytes ? null : new System.Text.UTF8Encoding(false).GetString(buffer, 0, total).TrimStart('\uFEFF');
    }

    private static int FirstNonHeaderCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is < '\u0021' or > '\u007E')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Tokens travel in HTTP headers, which carry visible ASCII only: a pasted token with an accented letter, a
    /// non-breaking space or a line break would fail every request; say so now, naming the setting.
    /// </summary>
    private static void CheckHeaderValues(Dictionary<string, string?> values, List<string> errors)
    {
        foreach (var (name, value) in values)
        {
            if (!name.EndsWith("_TOKEN", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value) || !KnownSettings.IsKnown(name.ToUpperInvariant()))
            {
                continue;
            }

            var trimmed = value.Trim();
            var bad = FirstNonHeaderCharacter(trimmed);
            if (bad >= 0)
            {
                var what = trimmed[bad] is < '\u0020' or '\u007F' ? "a control character (a line break or tab?)" : trimmed[bad] == ' ' ? "a space" : "a non-ASCII character";
                errors.Add($"{name} contains {what} at position {bad + 1}, which an HTTP header cannot carry: copy the token again, alone, without quotes, spaces or line breaks.");
            }
        }
    }
}

/// <summary>The configuration plus every problem found while reading it.</summary>
internal sealed record LoadedSettings(IConfigurationRoot Configuration, IReadOnlyList<string> Errors, string? DotEnvPath)
{
    /// <summary>What works but is probably not meant (a name set twice, a misspelt setting), with file and line.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
