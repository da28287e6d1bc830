using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Billing;

/// <summary>
/// Maps one day of a scope's premium request usage to a <c>github_copilot_billing</c> entity (pure): the day's
/// quantities and US-dollar amounts summed over every item, and the premium requests and net amount per model.
/// </summary>
public static class BillingEntityMapper
{
    public const string Blueprint = "github_copilot_billing";

    /// <summary>GitHub's billing usage API reports US dollars.</summary>
    public const string Currency = "USD";

    /// <summary><c>acme@2026-11-25</c> for an organization, <c>enterprise:acme@2026-11-25</c> for an enterprise.</summary>
    public static string Identifier(SeatScope scope, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return PortIdentifier.Compose(scope.PortKey, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public static PortEntity Map(SeatScope scope, DateOnly day, IReadOnlyList<PremiumRequestItem> items)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(items);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var byModel = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var amountByModel = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var model = string.IsNullOrWhiteSpace(item.Model) ? "unknown" : item.Model.Trim();
            byModel[model] = byModel.GetValueOrDefault(model) + (item.GrossQuantity ?? 0);
            amountByModel[model] = amountByModel.GetValueOrDefault(model) + (item.NetAmount ?? 0);
        }

        var properties = new JsonObject
        {
            ["scope_type"] = scope.TypeName,
            ["scope"] = scope.Slug,
            ["usage_date"] = date + "T00:00:00Z",
            ["gross_quantity"] = items.Sum(i => i.GrossQuantity ?? 0),
            ["discount_quantity"] = items.Sum(i => i.DiscountQuantity ?? 0),
            ["net_quantity"] = items.Sum(i => i.NetQuantity ?? 0),
            ["gross_amount"] = Cents(items.Sum(i => i.GrossAmount ?? 0)),
            ["discount_amount"] = Cents(items.Sum(i => i.DiscountAmount ?? 0)),
            ["net_amount"] = Cents(items.Sum(i => i.NetAmount ?? 0)),
            ["currency"] = Currency,
            ["requests_by_model"] = Object(byModel, v => v),
            ["net_amount_by_model"] = Object(amountByModel, Cents),
            ["skus"] = new JsonArray([.. items.Select(i => i.Sku).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(s => (JsonNode?)JsonValue.Create(s))]),
        };
        var title = scope.Type == SeatScopeType.Organization
            ? $"{scope.Slug} Copilot premium requests {date}"
            : $"Enterprise {scope.Slug} Copilot premium requests {date}";
        return new PortEntity(Blueprint, Identifier(scope, day), title, properties);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static JsonObject Object(SortedDictionary<string, decimal> values, Func<decimal, decimal> shape)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            result[key] = shape(value);
        }

        return result;
    }
}
