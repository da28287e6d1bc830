using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Options;

namespace CopilotIngest.GitHub.Json;

/// <summary>Turns GitHub response bodies into records; anything malformed, truncated, empty or unexpected becomes an <see cref="ApiException"/> naming the path.</summary>
internal static class GitHubPayload
{
    public const string Service = "GitHub";

    public static SeatPage ParseSeatsPage(ReadOnlySpan<byte> body, string path)
    {
        var page = Deserialize(body, GitHubJsonContext.Default.SeatsPageJson, path);
        if (page.Seats is null)
        {
            throw Unexpected(path, "it has no 'seats' array");
        }

        if (page.TotalSeats is < 0)
        {
            throw Unexpected(path, $"'total_seats' is negative ({page.TotalSeats})");
        }

        var seats = new SeatRecord[page.Seats.Count];
        for (var i = 0; i < seats.Length; i++)
        {
            var seat = page.Seats[i] ?? throw Unexpected(path, $"seat {i} is null");
            seats[i] = new SeatRecord(
                seat.Assignee?.Login,
                seat.Assignee?.Id,
                seat.Organization?.Login,
                seat.AssigningTeam?.Slug,
                seat.CreatedAt,
                seat.LastActivityAt,
                seat.LastActivityEditor,
                seat.LastAuthenticatedAt,
                seat.PendingCancellationDate,
                seat.PlanType);
        }

        return new SeatPage(page.TotalSeats, seats);
    }

    public static OrganizationBilling ParseBilling(ReadOnlySpan<byte> body, string path)
    {
        var billing = Deserialize(body, GitHubJsonContext.Default.BillingJson, path);
        var breakdown = billing.SeatBreakdown ?? throw Unexpected(path, "it has no 'seat_breakdown' object");
        return new OrganizationBilling(
            new SeatBreakdown(
                breakdown.Total,
                breakdown.AddedThisCycle,
                breakdown.PendingInvitation,
                breakdown.PendingCancellation,
                breakdown.ActiveThisCycle,
                breakdown.InactiveThisCycle),
            billing.SeatManagementSetting,
            billing.PublicCodeSuggestions,
            billing.IdeChat,
            billing.PlatformChat,
            billing.Cli,
            billing.PlanType);
    }

    /// <summary>Reads a premium request usage report; a missing <c>usageItems</c> array is no usage, a null item is skipped.</summary>
    public static IReadOnlyList<Billing.PremiumRequestItem> ParsePremiumRequestUsage(ReadOnlySpan<byte> body, string path)
    {
        var usage = Deserialize(body, GitHubJsonContext.Default.PremiumRequestUsageJson, path);
        return [.. (usage.UsageItems ?? []).OfType<PremiumRequestItemJson>().Select(i => new Billing.PremiumRequestItem(
            i.Product, i.Sku, i.Model, i.UnitType, i.PricePerUnit, i.GrossQuantity, i.GrossAmount, i.DiscountQuantity, i.DiscountAmount, i.NetQuantity, i.NetAmount))];
    }

    /// <summary>Reads a report endpoint's answer; every link must be an absolute https URL (http only on loopback).</summary>
    public static ReportLinks ParseReportLinks(ReadOnlySpan<byte> body, string path)
    {
        var links = Deserialize(body, GitHubJsonContext.Default.ReportLinksJson, path);
        if (links.DownloadLinks is null)
        {
            throw Unexpected(path, "it has no 'download_links' array");
        }

        var uris = new List<Uri>(links.DownloadLinks.Count);
        for (var i = 0; i < links.DownloadLinks.Count; i++)
        {
            var text = links.DownloadLinks[i];
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && BaseUrl.IsLoopback(uri))))
            {
                throw Unexpected(path, $"download link {i + 1} is not an absolute https URL");
            }

            uris.Add(uri);
        }

        return new ReportLinks(uris, links.ReportDay, links.ReportStartDay, links.ReportEndDay);
    }

    /// <summary>GitHub's <c>message</c> from an error body, or null when the body is not GitHub's error JSON.</summary>
    public static string? TryReadErrorMessage(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var message = JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GitHubErrorJson)?.Message;
            return string.IsNullOrWhiteSpace(message) ? null : Shorten(message.Trim());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, string path)
        where T : class
    {
        if (body.IsEmpty || body.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new ApiException(Service, HttpStatusCode.OK, $"GitHub returned an empty response for {path}; expected JSON. Check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.");
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw Unexpected(path, "it is JSON null");
        }
        catch (JsonException ex)
        {
            var what = body.TrimStart(" \t\r\n"u8) is [(byte)'<', ..] ? "an HTML page, not JSON (a proxy or sign-in page?)" : $"not the expected JSON: {ex.Message}";
            throw new ApiException(Service, HttpStatusCode.OK, $"GitHub returned a response for {path} that is {what}. Check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.", ex);
        }
    }

    private static ApiException Unexpected(string path, string problem) =>
        new(Service, HttpStatusCode.OK, $"GitHub returned an unexpected response for {path}: {problem}. Check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
