using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Hosting;

/// <summary>The logging settings: <c>LOG_LEVEL</c> and <c>LOG_FORMAT</c> (text for people, json for log collectors).</summary>
internal static class LogSettings
{
    public const string Level = "LOG_LEVEL";
    public const string Format = "LOG_FORMAT";

    public static LogLevel ReadLevel(IConfiguration configuration, ICollection<string> problems) =>
        configuration.GetEnum(Level, LogLevel.Information, problems);

    /// <summary>The output format; an unknown value is reported in <paramref name="problems"/> and read as text.</summary>
    public static LogFormat ReadFormat(IConfiguration configuration, ICollection<string> problems)
    {
        var format = configuration.GetSetting(Format) ?? "text";
        switch (format.ToUpperInvariant())
        {
            case "TEXT":
                return LogFormat.Text;
            case "JSON":
                return LogFormat.Json;
            default:
                problems.Add($"{Format} must be text or json, got '{format}'.");
                return LogFormat.Text;
        }
    }

    /// <summary>True when <c>LOG_FORMAT=json</c>: every line on both outputs is one JSON object, tables are left out.</summary>
    public static bool IsJson(IConfiguration configuration) => ReadFormat(configuration, new List<string>()) == LogFormat.Json;
}

internal enum LogFormat
{
    Text,
    Json,
}
