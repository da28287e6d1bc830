using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Json;

/// <summary>
/// <c>GET /organizations/{org}/settings/billing/premium_request/usage</c> (and the enterprise's): GitHub's billing usage
/// API names its fields in camelCase, unlike the Copilot APIs.
/// </summary>
internal sealed record PremiumRequestUsageJson(
    [property: JsonPropertyName("usageItems")] IReadOnlyList<PremiumRequestItemJson?>? UsageItems);

internal sealed record PremiumRequestItemJson(
    [property: JsonPropertyName("product")] string? Product,
    [property: JsonPropertyName("sku")] string? Sku,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("unitType")] string? UnitType,
    [property: JsonPropertyName("pricePerUnit")] decimal? PricePerUnit,
    [property: JsonPropertyName("grossQuantity")] decimal? GrossQuantity,
    [property: JsonPropertyName("grossAmount")] decimal? GrossAmount,
    [property: JsonPropertyName("discountQuantity")] decimal? DiscountQuantity,
    [property: JsonPropertyName("discountAmount")] decimal? DiscountAmount,
    [property: JsonPropertyName("netQuantity")] decimal? NetQuantity,
    [property: JsonPropertyName("netAmount")] decimal? NetAmount);
