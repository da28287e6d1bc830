using System.Text.RegularExpressions;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>Port's identifier patterns (OpenAPI spec) and the value sets its schemas allow.</summary>
internal static partial class Patterns
{
    public const int MaxBlueprintIdentifier = 100;
    public const int MaxKey = 100;
    public const string BlueprintIdentifierText = @"^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/-]+$";
    public const string KeyText = @"^[A-Za-z0-9@_=\-]+$";
    public const string EntityIdentifierText = @"^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/=-]+$";

    public static readonly IReadOnlySet<string> PropertyTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "number", "boolean", "object", "array",
    };

    public static readonly IReadOnlySet<string> PropertyFormats = new HashSet<string>(StringComparer.Ordinal)
    {
        "date-time", "url", "email", "idn-email", "ipv4", "ipv6", "markdown", "yaml", "user", "blueprints", "team", "timer", "proto", "labeled-url",
    };

    public static readonly IReadOnlySet<string> Specs = new HashSet<string>(StringComparer.Ordinal) { "open-api", "embedded-url", "async-api" };

    public static readonly IReadOnlySet<string> Colors = new HashSet<string>(StringComparer.Ordinal)
    {
        "blue", "turquoise", "orange", "purple", "pink", "yellow", "green", "red", "gold", "silver", "paleBlue", "darkGray", "lightGray",
        "bronze", "lime", "olive", "brown",
    };

    public static bool IsBlueprintIdentifier(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxBlueprintIdentifier && BlueprintIdentifier().IsMatch(value);

    /// <summary>Property, relation, mirror, calculation, aggregation and scorecard rule identifiers.</summary>
    public static bool IsKey(string? value) => !string.IsNullOrEmpty(value) && value.Length <= MaxKey && Key().IsMatch(value);

    [GeneratedRegex(BlueprintIdentifierText)]
    private static partial Regex BlueprintIdentifier();

    [GeneratedRegex(KeyText)]
    private static partial Regex Key();
}
