namespace CopilotIngest.GitHub.Billing;

/// <summary>One line of GitHub's premium request usage report: a product, SKU and model with quantities and amounts (US dollars); each may be missing.</summary>
public sealed record PremiumRequestItem(
    string? Product,
    string? Sku,
    string? Model,
    string? UnitType,
    decimal? PricePerUnit,
    decimal? GrossQuantity,
    decimal? GrossAmount,
    decimal? DiscountQuantity,
    decimal? DiscountAmount,
    decimal? NetQuantity,
    decimal? NetAmount);
