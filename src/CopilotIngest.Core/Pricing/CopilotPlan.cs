namespace CopilotIngest.Core.Pricing;

/// <summary>A GitHub Copilot plan (GitHub's <c>plan_type</c>).</summary>
public enum CopilotPlan
{
    Business,
    Enterprise,
}
