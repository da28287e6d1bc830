using System.Text;
using System.Text.RegularExpressions;

namespace CopilotIngest.Core.Entities;

/// <summary>Port's entity identifier rules: Unicode letters, digits and <c>@ _ . + : \ / = -</c>, at most 1000 characters.</summary>
public static partial class PortIdentifier
{
    public const int MaxLength = 1000;

    [GeneratedRegex(@"^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/=-]+$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? identifier) =>
        !string.IsNullOrEmpty(identifier) && identifier.Length <= MaxLength && Pattern().IsMatch(identifier);

    /// <summary>Replaces every character Port would reject with <c>-</c>, so any name becomes a usable identifier.</summary>
    public static string Sanitize(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsLetter(c) || char.IsAsciiDigit(c) || "@_.+:\\/=-".Contains(c, StringComparison.Ordinal) ? c : '-');
        }

        var result = builder.ToString();
        if (result is "." or "..")
        {
            result = result.Replace('.', '-');
        }

        return result.Length <= MaxLength ? result : result[..MaxLength];
    }

    /// <summary>Joins parts with <c>@</c> after sanitizing each, e.g. <c>acme@2026-11-25</c>.</summary>
    public static string Compose(params string[] parts) => string.Join('@', parts.Select(Sanitize));
}
