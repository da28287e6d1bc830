using System.Text.RegularExpressions;

namespace CopilotIngest.Core.Redaction;

/// <summary>
/// The one place that keeps secrets out of what the program prints, logs and writes: it knows every configured secret
/// (settings named <c>*_SECRET</c>, <c>*_TOKEN</c>, <c>*_KEY</c>, <c>*_PASSWORD</c>, and passwords inside URL settings) and
/// also masks what looks like a credential whatever its origin: <c>Authorization</c> header echoes, bearer tokens and
/// <c>user:password@</c> in URLs. Thread-safe; secrets can be added as settings become known.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Setting names ending like this hold a secret (also used to accept <c>NAME_FILE</c>).</summary>
    public static IReadOnlyList<string> SecretSuffixes { get; } = ["_SECRET", "_TOKEN", "_KEY", "_PASSWORD"];

    // Shorter values would mask ordinary words; real secrets are far longer.
    private const int MinimumSecretLength = 4;
    private const int MinimumSecretLineLength = 8;

    private readonly Lock _lock = new();
    private string[] _secrets = [];

    [GeneratedRegex("""(?i)\b((?:proxy-)?authorization)(\\?["']?\s*[:=]\s*\\?["']?\s*)((?:bearer|token|basic|negotiate)\s+)?[^\s"'\\,;}\]]{6,}""")]
    private static partial Regex AuthorizationEcho();

    [GeneratedRegex(@"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/]{16,}=*")]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?i)\b([a-z][a-z0-9+.\-]*://[^/\s:@]*):[^@\s/]+@")]
    private static partial Regex UrlPassword();

    /// <summary>True when a setting of this name holds a secret.</summary>
    public static bool IsSecretSetting(string name) =>
        SecretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    /// <summary>A redactor that knows the given secrets (nulls and short values are ignored).</summary>
    public static SecretRedactor For(params string?[] secrets)
    {
        var redactor = new SecretRedactor();
        foreach (var secret in secrets)
        {
            redactor.AddSecret(secret);
        }

        return redactor;
    }

    /// <summary>Learns every secret among <paramref name="settings"/>: secret-named settings and URL passwords.</summary>
    public void AddSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (name, value) in settings)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (IsSecretSetting(name))
            {
                AddSecret(value);
            }

            foreach (Match match in UrlPasswordValue().Matches(value))
            {
                AddSecret(Uri.UnescapeDataString(match.Groups[1].Value));
                AddSecret(match.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex(@"(?i)[a-z][a-z0-9+.\-]*://[^/\s:@]*:([^@\s/]+)@")]
    private static partial Regex UrlPasswordValue();

    /// <summary>Learns one secret; a multi-line secret (a PEM key) is also learnt line by line.</summary>
    public void AddSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        var candidates = new List<string> { secret, secret.Trim() };
        if (secret.Contains('\n', StringComparison.Ordinal))
        {
            candidates.AddRange(secret.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries)
                .Where(line => line.Length >= MinimumSecretLineLength && !line.StartsWith("-----", StringComparison.Ordinal)));
        }

        lock (_lock)
        {
            _secrets = [.. _secrets.Concat(candidates.Where(c => c.Length >= MinimumSecretLength)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        }
    }

    /// <summary>The text with every known secret and every credential-looking value replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in Volatile.Read(ref _secrets))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = AuthorizationEcho().Replace(text, m => m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value + Mask);
        text = BearerToken().Replace(text, m => m.Groups[1].Value + Mask);
        return UrlPassword().Replace(text, m => m.Groups[1].Value + ":" + Mask + "@");
    }

    /// <summary><see cref="Redact(string)"/> for optional text.</summary>
    public string? RedactOptional(string? text) => text is null ? null : Redact(text);
}
