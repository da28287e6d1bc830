using System.Globalization;
using CopilotIngest.Settings;

namespace CopilotIngest.LocalPortHost;

/// <summary>
/// <c>LOCAL_PORT_RATE_LIMIT=REQUESTS/SECONDS</c> (e.g. <c>600/10</c>): the local Port enforces a fixed-window request
/// limit the way Port does (<c>x-ratelimit-*</c> headers, 429 with <c>Retry-After</c>), so runs and benchmarks against
/// it meet Port's behaviour. Unset: Port's last published Entities API limit, 35,000 requests per 5 minutes.
/// </summary>
internal sealed record LocalPortRateLimit(int Requests, TimeSpan Window)
{
    public const string Setting = "LOCAL_PORT_RATE_LIMIT";

    /// <summary>Null when <paramref name="value"/> is empty; a <see cref="SettingsException"/> naming the setting when it is unreadable.</summary>
    public static LocalPortRateLimit? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests) && requests >= 1
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400)
        {
            return new LocalPortRateLimit(requests, TimeSpan.FromSeconds(seconds));
        }

        throw new SettingsException([$"{Setting} must be REQUESTS/SECONDS with whole numbers of at least 1 (e.g. 600/10: 600 requests per 10-second window), got '{value}'."]);
    }

    public static LocalPortRateLimit? From(IReadOnlyDictionary<string, string?> environment) =>
        Parse(environment.TryGetValue(Setting, out var value) ? value : null);
}
