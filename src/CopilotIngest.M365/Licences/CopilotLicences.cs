namespace CopilotIngest.M365.Licences;

/// <summary>Copilot seats of the tenant summed over every Copilot SKU: purchased (usable), assigned and unassigned.</summary>
internal sealed record CopilotLicences(long Purchased, long Assigned, long Unassigned, IReadOnlyList<string> SkuPartNumbers)
{
    public static CopilotLicences None { get; } = new(0, 0, 0, []);
}
