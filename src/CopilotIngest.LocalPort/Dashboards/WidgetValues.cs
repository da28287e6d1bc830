using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>What widgets share: reading a property of an entity, Port's aggregation functions and time buckets.</summary>
internal static class WidgetValues
{
    /// <summary>A widget's property reference without its kind prefix: <c>property#x</c>, <c>calculation-property#x</c>, <c>properties.x</c> → <c>x</c>.</summary>
    public static string PropertyName(string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            return reference[(hash + 1)..];
        }

        return reference.StartsWith("properties.", StringComparison.Ordinal) ? reference["properties.".Length..] : reference;
    }

    public static JsonNode? Get(JsonObject entity, string reference) => EntityFields.Get(entity, PropertyName(reference));

    public static double? Number(JsonObject entity, string reference) =>
        Problems.IsNumber(Get(entity, reference), out var number) ? number : null;

    public static DateTimeOffset? Instant(JsonObject entity, string reference) =>
        Problems.IsString(Get(entity, reference), out var text) && ValueFormats.TryParseDateTime(text, out var instant) ? instant : null;

    /// <summary>Port's number functions over the values present (empty values are left out); null when none is present.</summary>
    public static double? Aggregate(string func, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        return func switch
        {
            "sum" => values.Sum(),
            "average" => values.Average(),
            "min" => values.Min(),
            "max" => values.Max(),
            "median" => Median(values),
            "last" => values[^1],
            "count" => values.Count,
            _ => null,
        };
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The start of the bucket of <paramref name="instant"/> (UTC): hour, day, ISO week (Monday), month or quarter.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset instant, string interval)
    {
        var utc = instant.ToUniversalTime();
        var day = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        return interval switch
        {
            "hour" => day.AddHours(utc.Hour),
            "isoWeek" or "week" => day.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
            "month" => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            "quarter" => new DateTimeOffset(utc.Year, ((utc.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero),
            _ => day,
        };
    }

    public static DateTimeOffset NextBucket(DateTimeOffset start, string interval) => interval switch
    {
        "hour" => start.AddHours(1),
        "isoWeek" or "week" => start.AddDays(7),
        "month" => start.AddMonths(1),
        "quarter" => start.AddMonths(3),
        _ => start.AddDays(1),
    };

    public static string BucketLabel(DateTimeOffset start, string interval) => interval switch
    {
        "hour" => start.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture),
        "isoWeek" or "week" => "week of " + start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "month" => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "quarter" => $"{start.Year}-Q{((start.Month - 1) / 3) + 1}",
        _ => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Text for a value in a pie slice label or a table cell.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonArray items => string.Join(", ", items.Select(Text)),
        JsonObject => value.ToJsonString(),
        _ when Problems.IsString(value, out var text) => text,
        _ => value.ToJsonString(),
    };
}
