using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>The string formats Port checks (as JSON Schema's <c>format</c> keyword does).</summary>
internal static partial class ValueFormats
{
    /// <summary>Returns null when <paramref name="value"/> has <paramref name="format"/>, else what is wrong.</summary>
    public static string? Check(string format, string value) => format switch
    {
        "date-time" or "timer" => IsDateTime(value) ? null : "must match format \"date-time\" (RFC 3339, e.g. 2026-11-25T00:00:00Z)",
        "url" => IsUrl(value) ? null : "must match format \"url\" (an absolute URL such as https://example.com/x)",
        "email" or "user" => IsEmail(value) ? null : $"must match format \"{format}\" (an e-mail address)",
        "idn-email" => value.Contains('@', StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace) ? null : "must match format \"idn-email\"",
        "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') == 3
            ? null
            : "must match format \"ipv4\"",
        "ipv6" => IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? null : "must match format \"ipv6\"",
        _ => null,
    };

    public static bool IsDateTime(string value) =>
        DateTimeText().IsMatch(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    public static bool TryParseDateTime(string value, out DateTimeOffset instant)
    {
        instant = default;
        return IsDateTime(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    private static bool IsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Scheme) && !value.Any(char.IsWhiteSpace)
        && (uri.IsFile is false || value.StartsWith("file:", StringComparison.OrdinalIgnoreCase));

    private static bool IsEmail(string value) => value.Length <= 254 && Email().IsMatch(value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)$")]
    private static partial Regex DateTimeText();

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex Email();
}
