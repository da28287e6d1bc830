using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// What a 1-day report read for one day gave: null entities when GitHub has no report for the day (asked again next
/// run); an empty list when the report had nothing to write (also asked again, and named by <see cref="DailyReportSeries.Describe.EmptyDays"/>).
/// </summary>
internal sealed record DayEntities(IReadOnlyList<PortEntity>? Entities)
{
    public static DayEntities NoReport { get; } = new((IReadOnlyList<PortEntity>?)null);
}

/// <summary>
/// The day loop of the per-day data sets built from 1-day reports (team and repository usage): for each scope it asks
/// GitHub for the newest published day, finds the days of the lookback Port does not hold (<see cref="DayWindow"/>) and
/// reads exactly those, oldest first, streaming each day's entities as soon as they are read. A failed day is recorded
/// and the next one tried; after <c>MaxConsecutiveDayFailures</c> failures in a row (or a rejected token) the rest is
/// left for the next run. Days without a report or without anything to write are noted and asked for again.
/// </summary>
internal static class DailyReportSeries
{
    /// <summary>How the notes name the data set: e.g. "team usage", "team or user report", and the note for empty days.</summary>
    internal sealed record Describe(string What, string Reports, Func<SeatScope, string, string> EmptyDays);

    public static async IAsyncEnumerable<PortEntity> ReadAsync(
        IReadOnlyList<SeatScope> scopes,
        HeldEntities held,
        RunState run,
        GitHubOptions settings,
        UsageReportReader reports,
        Describe describe,
        Func<SeatScope, string, DateOnly?> dayOf,
        Func<SeatScope, DateOnly, CancellationToken, Task<DayEntities>> readDay,
        Action<SeatScope, string> logScopeFailed,
        Action<SeatScope, DateOnly, string> logDayFailed,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var scope in scopes)
        {
            if (run.RejectedToken is { } rejected)
            {
                run.FailScope(scope.PortKey, rejected.Message);
                continue;
            }

            DayWindow window;
            try
            {
                var newest = await reports.GetNewestDayAsync(scope, cancellationToken);
                window = DayWindow.Find(held, scope, newest, settings.UsageLookbackDays, id => dayOf(scope, id));
            }
            catch (ApiException ex)
            {
                logScopeFailed(scope, ex.Message);
                run.FailScope(scope.PortKey, ex.Message, ex);
                continue;
            }

            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: {describe.What} held for {window.Days - window.Missing.Count} of the {window.Days} day(s) from {window.First:yyyy-MM-dd} to {window.Newest:yyyy-MM-dd}; {window.Missing.Count} fetched"));
            var noData = new List<DateOnly>();
            var empty = new List<DateOnly>();
            var consecutiveFailures = 0;
            for (var i = 0; i < window.Missing.Count; i++)
            {
                var day = window.Missing[i];
                DayEntities read;
                try
                {
                    read = await readDay(scope, day, cancellationToken);
                    consecutiveFailures = 0;
                }
                catch (ApiException ex)
                {
                    logDayFailed(scope, day, ex.Message);
                    run.Fail(string.Create(CultureInfo.InvariantCulture, $"{scope.PortKey}@*@{day:yyyy-MM-dd}"), ex.Message, ex);
                    consecutiveFailures++;
                    if (ex.StatusCode == HttpStatusCode.Unauthorized || consecutiveFailures >= settings.MaxConsecutiveDayFailures)
                    {
                        var rest = window.Missing.Skip(i + 1).ToList();
                        if (rest.Count > 0)
                        {
                            run.Notes.Add($"{scope}: {describe.What} stopped after {consecutiveFailures} failed day(s) in a row; {DayRanges.Format(rest)} left for the next run");
                        }

                        break;
                    }

                    continue;
                }

                if (read.Entities is not { } entities)
                {
                    noData.Add(day);
                    continue;
                }

                if (entities.Count == 0)
                {
                    empty.Add(day);
                    continue;
                }

                foreach (var entity in entities)
                {
                    run.Fetched++;
                    yield return entity;
                }
            }

            if (noData.Count > 0)
            {
                run.Notes.Add($"{scope}: GitHub has no {describe.Reports} for {DayRanges.Format(noData)}; asked again next run");
            }

            if (empty.Count > 0)
            {
                run.Notes.Add(describe.EmptyDays(scope, DayRanges.Format(empty)));
            }
        }
    }
}
