using System.Globalization;
using System.Text.Json;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// GitHub's premium request usage report (<c>GET /organizations/{org}/settings/billing/premium_request/usage</c> and the
/// enterprise's) for one day, in the shape of GitHub's documented example: one usage item per model, each user's
/// <see cref="SimulatedUserDay.AiCreditsUsed"/> counted as premium requests at <see cref="PricePerRequest"/>.
/// </summary>
public static class SimulatedBilling
{
    public const decimal PricePerRequest = 0.04m;

    public static IReadOnlyList<string> Models { get; } = ["GPT-5", "Claude Sonnet 4.5", "Gemini 2.5 Pro"];

    /// <summary>Premium requests per model on <paramref name="day"/> for the users of a scope.</summary>
    public static SortedDictionary<string, decimal> RequestsByModel(SimulatedGitHubPopulation population, SimulatedOrganization? organization, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(population);
        var byModel = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var user in SimulatedUsage.ScopeUsers(population, organization))
        {
            if (SimulatedUsage.UserDay(population, user, day) is { AiCreditsUsed: { } credits } userDay && credits > 0)
            {
                byModel[userDay.Model] = byModel.GetValueOrDefault(userDay.Model) + credits;
            }
        }

        return byModel;
    }

    public static byte[] Usage(SimulatedGitHubPopulation population, SimulatedOrganization? organization, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(population);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("timePeriod");
            writer.WriteNumber("year", day.Year);
            writer.WriteNumber("month", day.Month);
            writer.WriteNumber("day", day.Day);
            writer.WriteEndObject();
            if (organization is null)
            {
                writer.WriteString("enterprise", population.Enterprise);
            }
            else
            {
                writer.WriteString("organization", organization.Login);
            }

            writer.WriteStartArray("usageItems");
            foreach (var (model, requests) in RequestsByModel(population, organization, day))
            {
                writer.WriteStartObject();
                writer.WriteString("product", "Copilot");
                writer.WriteString("sku", "Copilot Premium Request");
                writer.WriteString("model", model);
                writer.WriteString("unitType", "requests");
                writer.WriteNumber("pricePerUnit", PricePerRequest);
                writer.WriteNumber("grossQuantity", requests);
                writer.WriteNumber("grossAmount", requests * PricePerRequest);
                writer.WriteNumber("discountQuantity", 0);
                writer.WriteNumber("discountAmount", 0);
                writer.WriteNumber("netQuantity", requests);
                writer.WriteNumber("netAmount", requests * PricePerRequest);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The day a request's <c>year</c>, <c>month</c> and <c>day</c> name (GitHub defaults to the current year and month); null when invalid.</summary>
    public static DateOnly? Day(string? year, string? month, string? day, DateOnly today)
    {
        static int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var y = Number(year) ?? today.Year;
        var m = Number(month) ?? today.Month;
        if (Number(day) is not { } d || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }

        return new DateOnly(y, m, d);
    }
}
