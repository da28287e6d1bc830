using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Snapshots;
using CopilotIngest.GitHub.Usage;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Checks;

/// <summary>
/// <c>verify</c> for GitHub, per organization and enterprise: the newest <c>github_copilot_seats</c> snapshot against
/// the seat listing and (organizations) <c>/copilot/billing</c>'s seat breakdown; the number of <c>github_copilot_seat</c>
/// entities against the seated users (when <c>GITHUB_SEAT_DETAILS</c> is on); the newest <c>github_copilot_usage</c>
/// day against the newest published report day, and that day's values against its report.
/// </summary>
internal sealed class GitHubParityCheck(
    GitHubClient client,
    UsageReportReader reports,
    IEntityStore store,
    IEntityReader reader,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider) : IParityCheck
{
    private static readonly (string Property, Func<SeatBreakdown, int?> Value)[] s_breakdown =
    [
        ("billed_seats_this_cycle", b => b.Total),
        ("active_this_cycle", b => b.ActiveThisCycle),
        ("inactive_this_cycle", b => b.InactiveThisCycle),
        ("pending_invitation", b => b.PendingInvitation),
        ("pending_cancellation", b => b.PendingCancellation),
        ("added_this_cycle", b => b.AddedThisCycle),
    ];

    private static readonly string[] s_usageSample = ["daily_active_users", "user_initiated_interaction_count", "code_acceptance_activity_count", "loc_added_sum"];

    public async IAsyncEnumerable<ParityRow> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scopes = settings.Organizations.Select(SeatScope.Organization).ToList();
        if (settings.Enterprise is { } enterprise)
        {
            scopes.Add(SeatScope.Enterprise(enterprise));
        }

        foreach (var scope in scopes)
        {
            foreach (var row in await GuardAsync("github_seats", scope, () => SeatsAsync(scope, cancellationToken)))
            {
                yield return row;
            }

            if (settings.SeatDetails)
            {
                foreach (var row in await GuardAsync("github_seat_details", scope, () => SeatDetailsAsync(scope, cancellationToken)))
                {
                    yield return row;
                }
            }

            foreach (var row in await GuardAsync("github_usage", scope, () => UsageAsync(scope, cancellationToken)))
            {
                yield return row;
            }
        }
    }

    private async Task<List<ParityRow>> SeatsAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        const string dataSet = "github_seats";
        var rows = new List<ParityRow>();
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var newest = await NewestDayAsync(SeatsEntityMapper.Blueprint, Prefix(SeatsEntityMapper.Identifier(scope, today)), cancellationToken);
        rows.Add(ParityRow.Compare(dataSet, $"{scope}: newest snapshot", ParityValues.Of(today), ParityValues.Of(newest), newest == today ? null : "a snapshot is written per day: run 'copilot-ingest run' first"));
        if (newest is not { } day)
        {
            return rows;
        }

        var port = await reader.GetPropertiesAsync(SeatsEntityMapper.Blueprint, SeatsEntityMapper.Identifier(scope, day), cancellationToken) ?? [];
        var first = await FirstSeatPageAsync(scope, cancellationToken);
        rows.Add(ParityRow.Compare(dataSet, $"{scope}: total_seats", ParityValues.Of(first?.TotalSeats), ParityValues.Of(port["total_seats"])));
        if (scope.Type == SeatScopeType.Organization)
        {
            var billing = await client.GetOrganizationBillingAsync(scope.Slug, cancellationToken);
            foreach (var (property, value) in s_breakdown)
            {
                rows.Add(ParityRow.Compare(dataSet, $"{scope}: seat_breakdown → {property}", ParityValues.Of(value(billing.SeatBreakdown)), ParityValues.Of(port[property])));
            }
        }

        return rows;
    }

    private async Task<List<ParityRow>> SeatDetailsAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        var directory = await SeatDirectory.ReadAsync(client.GetSeatPagesAsync(scope, cancellationToken), cancellationToken);
        var sample = SeatDetailsMapper.Identifier("x", scope);
        var suffix = sample[sample.IndexOf('@', StringComparison.Ordinal)..];
        var held = 0;
        await foreach (var identifier in store.ListIdentifiersAsync(SeatDetailsMapper.Blueprint, null, cancellationToken))
        {
            if (identifier.EndsWith(suffix, StringComparison.Ordinal))
            {
                held++;
            }
        }

        return [ParityRow.Compare("github_seat_details", $"{scope}: github_copilot_seat entities", ParityValues.Of(directory.Holders.Count), ParityValues.Of(held))];
    }

    private async Task<List<ParityRow>> UsageAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        const string dataSet = "github_usage";
        var published = await reports.GetNewestDayAsync(scope, cancellationToken);
        var newest = await NewestDayAsync(UsageEntityMapper.Blueprint, Prefix(UsageEntityMapper.Identifier(scope, published)), cancellationToken);
        var rows = new List<ParityRow>
        {
            ParityRow.Compare(dataSet, $"{scope}: newest day", ParityValues.Of(published), ParityValues.Of(newest), newest == published ? null : "run 'copilot-ingest run' to fetch the missing days"),
        };
        if (newest is not { } day)
        {
            return rows;
        }

        var read = await reports.ReadAsync(scope, UsageReportKind.ScopeOneDay, day, GitHubJsonContext.Default.UsageDayTotals, () => new DayTotalsPick(day), static (pick, line) => pick.Add(line), cancellationToken);
        var expected = read?.State.Totals is { } totals ? UsageEntityMapper.Map(scope, totals).Properties : null;
        var port = await reader.GetPropertiesAsync(UsageEntityMapper.Blueprint, UsageEntityMapper.Identifier(scope, day), cancellationToken) ?? [];
        foreach (var property in s_usageSample)
        {
            rows.Add(ParityRow.Compare(dataSet, $"{scope}: {ParityValues.Of(day)} {property}", expected is null ? "no report" : ParityValues.Of(expected[property]), ParityValues.Of(port[property])));
        }

        return rows;
    }

    private async Task<SeatPage?> FirstSeatPageAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetSeatPagesAsync(scope, cancellationToken))
        {
            return page;
        }

        return null;
    }

    private async Task<DateOnly?> NewestDayAsync(string blueprint, string prefix, CancellationToken cancellationToken)
    {
        DateOnly? newest = null;
        await foreach (var identifier in store.ListIdentifiersAsync(blueprint, prefix, cancellationToken))
        {
            if (ParityValues.TrailingDay(identifier) is { } day && (newest is null || day > newest))
            {
                newest = day;
            }
        }

        return newest;
    }

    /// <summary><c>acme@</c> from <c>acme@2026-11-25</c>: the identifiers of one scope's days.</summary>
    private static string Prefix(string identifier) => identifier[..(identifier.LastIndexOf('@') + 1)];

    private static async Task<IEnumerable<ParityRow>> GuardAsync(string dataSet, SeatScope scope, Func<Task<List<ParityRow>>> compare)
    {
        try
        {
            return await compare();
        }
        catch (ApiException ex)
        {
            return [ParityRow.Failed(dataSet, scope.ToString(), $"{ex.Service}: {ex.Message}")];
        }
    }
}
