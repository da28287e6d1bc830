using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Core.Configuration;

/// <summary>
/// Reads the product's flat settings (environment variable names such as <c>GITHUB_ORGS</c>) from configuration.
/// Parsing problems are collected into <paramref name="errors"/> so start-up can report every one at once.
/// </summary>
public static class SettingsExtensions
{
    public static string? GetSetting(this IConfiguration configuration, string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static bool GetBool(this IConfiguration configuration, string name, bool defaultValue, ICollection<string> errors)
    {
        var value = configuration.GetSetting(name);
        if (value is null)
        {
            return defaultValue;
        }

        switch (value.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES" or "ON":
                return true;
            case "FALSE" or "0" or "NO" or "OFF":
                return false;
            default:
                errors.Add($"{name} must be true or false, got '{value}'.");
                return defaultValue;
        }
    }

    public static int GetInt(this IConfiguration configuration, string name, int defaultValue, int min, int max, ICollection<string> errors)
    {
        var value = configuration.GetSetting(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add($"{name} must be a whole number from {min} to {max}, got '{value}'.");
            return defaultValue;
        }

        return number;
    }

    /// <summary>
    /// A share from 0 to 1, written as a fraction (<c>0.2</c>) or a percentage (<c>20%</c>); one syntax for every
    /// threshold setting.
    /// </summary>
    public static double GetShare(this IConfiguration configuration, string name, double defaultValue, ICollection<string> errors)
    {
        var text = configuration.GetSetting(name);
        if (text is null)
        {
            return defaultValue;
        }

        var percent = text.EndsWith('%');
        if (double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            value = percent ? value / 100 : value;
            if (value is >= 0 and <= 1)
            {
                return value;
            }
        }

        errors.Add($"{name} must be a share from 0 to 1, as a fraction or a percentage (e.g. 0.2 or 20%), got '{text}'.");
        return defaultValue;
    }

    /// <summary>Splits a comma-separated setting, trimming entries and dropping empty ones.</summary>
    public static IReadOnlyList<string> GetList(this IConfiguration configuration, string name) =>
        configuration.GetSetting(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public static TEnum GetEnum<TEnum>(this IConfiguration configuration, string name, TEnum defaultValue, ICollection<string> errors)
        where TEnum : struct, Enum
    {
        var value = configuration.GetSetting(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (Enum.TryParse<TEnum>(value.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        errors.Add($"{name} must be one of {allowed}, got '{value}'.");
        return defaultValue;
    }
}
