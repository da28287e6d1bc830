using System.Text.Json;
using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>
/// A scope-day or user-day report line: the code counters plus the fields GitHub added in 2026, kept as raw JSON so
/// that an unexpected shape in one of them is reported and left out instead of failing the whole line
/// (<see cref="Fields.ReportExtras"/> reads them). JSON null and a missing field both arrive as null.
/// </summary>
public abstract record ReportRecord : CodeTotals
{
    [JsonPropertyName("totals_by_3rd_party_agent")]
    public JsonElement? TotalsByThirdPartyAgent { get; init; }

    public JsonElement? TotalsBySkill { get; init; }

    public JsonElement? TotalsByCustomAgent { get; init; }

    public JsonElement? TotalsByMcp { get; init; }

    public JsonElement? TotalsBySlashCmd { get; init; }

    public JsonElement? TotalsByPlugin { get; init; }

    public JsonElement? DistinctSkillUseCount { get; init; }

    public JsonElement? DistinctCustomAgentUseCount { get; init; }

    public JsonElement? DistinctMcpUseCount { get; init; }

    public JsonElement? DistinctSlashCmdUseCount { get; init; }

    public JsonElement? DistinctPluginUseCount { get; init; }

    public JsonElement? TotalsByCopilotApp { get; init; }

    /// <summary>Per-user reports: the user's phase object.</summary>
    public JsonElement? AiAdoptionPhase { get; init; }

    /// <summary>Scope reports: engaged users per phase.</summary>
    public JsonElement? TotalsByAiAdoptionPhase { get; init; }

    /// <summary>Per-user reports; named <c>used_copilot_coding_agent</c> before GitHub renamed the coding agent to cloud agent.</summary>
    public JsonElement? UsedCopilotCloudAgent { get; init; }

    public JsonElement? UsedCopilotCodingAgent { get; init; }
}
