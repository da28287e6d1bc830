using System.Text;
using System.Text.RegularExpressions;

namespace CopilotIngest.Settings;

/// <summary>
/// Reads a <c>.env</c> file: <c>NAME=value</c> lines, optional <c>export</c>, <c>#</c> comments, single quotes
/// (literal) and double quotes (with <c>\n</c>, <c>\"</c>, <c>\\</c> escapes). Bad lines are reported with their number;
/// a name set twice and a name that looks like a misspelt known setting are warned with their line numbers.
/// </summary>
internal static partial class DotEnvFile
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    public static IReadOnlyDictionary<string, string> Load(string path, ICollection<string> errors, ICollection<string>? warnings = null)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        try
        {
            return Parse(File.ReadAllText(path), Path.GetFileName(path), errors, warnings);
        }
        catch (IOException ex)
        {
            errors.Add($"{path} cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            errors.Add($"{path} cannot be read: {ex.Message}");
        }

        return new Dictionary<string, string>();
    }

    public static IReadOnlyDictionary<string, string> Parse(string text, string fileName, ICollection<string> errors, ICollection<string>? warnings = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (index == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? line[..equals].Trim() : string.Empty;
            if (equals <= 0 || !NamePattern().IsMatch(name))
            {
                errors.Add($"{fileName} line {index + 1}: expected NAME=value.");
                continue;
            }

            var value = ParseValue(line[(equals + 1)..].Trim(), out var error);
            if (error is not null)
            {
                errors.Add($"{fileName} line {index + 1} ({name}): {error}");
                continue;
            }

            values[name] = value;
            if (!lineOf.TryGetValue(name, out var seenAt))
            {
                lineOf[name] = seenAt = [];
            }

            seenAt.Add(index + 1);
        }

        if (warnings is not null)
        {
            Warn(fileName, lineOf, warnings);
        }

        return values;
    }

    private static void Warn(string fileName, Dictionary<string, List<int>> lineOf, ICollection<string> warnings)
    {
        foreach (var (name, lines) in lineOf.OrderBy(e => e.Value[0]))
        {
            if (lines.Count > 1)
            {
                warnings.Add($"{fileName} sets {name} on lines {string.Join(", ", lines)}: the last one (line {lines[^1]}) wins. Remove the others.");
            }

            if (KnownSettings.Suggest(name) is { } known)
            {
                warnings.Add($"{fileName} line {lines[0]}: {name} is not a setting this program reads; did you mean {known}?");
            }
        }
    }

    private static string ParseValue(string raw, out string? error)
    {
        error = null;
        if (raw.Length == 0)
        {
            return string.Empty;
        }

        var quote = raw[0];
        if (quote is '\'' or '"')
        {
            var end = FindClosingQuote(raw, quote);
            if (end < 0)
            {
                error = "the quoted value has no closing quote.";
                return string.Empty;
            }

            var rest = raw[(end + 1)..].Trim();
            if (rest.Length > 0 && !rest.StartsWith('#'))
            {
                error = "unexpected text after the closing quote.";
                return string.Empty;
            }

            var inner = raw[1..end];
            return quote == '\'' ? inner : Unescape(inner);
        }

        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).Trim();
    }

    private static int FindClosingQuote(string raw, char quote)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (quote == '"' && raw[i] == '\\')
            {
                i++;
                continue;
            }

            if (raw[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                builder.Append(value[i] switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => value[i],
                });
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }
}
