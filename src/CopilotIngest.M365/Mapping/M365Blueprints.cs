namespace CopilotIngest.M365.Mapping;

/// <summary>The Port blueprints this source writes (files in <c>configs/blueprints/</c>).</summary>
public static class M365Blueprints
{
    public const string UsageSummary = "m365_copilot_usage_summary";
    public const string User = "m365_copilot_user";
    public const string UsageTrend = "m365_copilot_usage_trend";

    /// <summary>The relation of a user entity to Port's built-in user blueprint.</summary>
    public const string PortUserRelation = "port_user";

    /// <summary>Port's built-in user blueprint, target of <see cref="PortUserRelation"/>.</summary>
    public const string PortUserBlueprint = "_user";

    public static IReadOnlyList<string> All { get; } = [UsageSummary, User, UsageTrend];
}
