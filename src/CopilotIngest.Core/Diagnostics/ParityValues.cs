using System.Globalization;
using System.Text.Json.Nodes;

namespace CopilotIngest.Core.Diagnostics;

/// <summary>Formats values for the parity table so that a number from a source and the same number from Port read alike.</summary>
public static class ParityValues
{
    public const string Missing = "missing";

    public static string Of(JsonNode? node) => node switch
    {
        null => Missing,
        JsonValue value when value.TryGetValue<double>(out var number) => Of(number),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    public static string Of(double? number) => number is { } value ? value.ToString("0.####", CultureInfo.InvariantCulture) : Missing;

    public static string Of(DateOnly? day) => day is { } value ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Missing;

    /// <summary>The day after the last <c>@</c> of an identifier such as <c>acme@2026-11-25</c>, or null.</summary>
    public static DateOnly? TrailingDay(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var at = identifier.LastIndexOf('@');
        return at >= 0 && DateOnly.TryParseExact(identifier.AsSpan(at + 1), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }
}
