using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Search;

/// <summary>Turns a <c>between</c> value (<c>{from, to}</c> or <c>{preset}</c>) into an inclusive UTC range.</summary>
internal static class DateRanges
{
    public static (DateTimeOffset From, DateTimeOffset To) Resolve(JsonObject value, DateTimeOffset now)
    {
        if (Problems.IsString(value["preset"], out var preset))
        {
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            return preset switch
            {
                "today" => (today, today.AddDays(1).AddTicks(-1)),
                "tomorrow" => (today.AddDays(1), today.AddDays(2).AddTicks(-1)),
                "yesterday" => (today.AddDays(-1), today.AddTicks(-1)),
                "lastDay" => (now.AddDays(-1), now),
                "lastWeek" => (now.AddDays(-7), now),
                "last2Weeks" => (now.AddDays(-14), now),
                "lastMonth" => (now.AddMonths(-1), now),
                "last3Months" => (now.AddMonths(-3), now),
                "last6Months" => (now.AddMonths(-6), now),
                "last12Months" => (now.AddMonths(-12), now),
                _ => (DateTimeOffset.MaxValue, DateTimeOffset.MinValue),
            };
        }

        return Problems.IsString(value["from"], out var fromText) && ValueFormats.TryParseDateTime(fromText, out var from)
            && Problems.IsString(value["to"], out var toText) && ValueFormats.TryParseDateTime(toText, out var to)
                ? (from, to)
                : (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
    }
}
