using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// Derived values of a report line's breakdowns, defined so that the jq of the Ocean mapping override computes the same:
/// the top IDE and language by code-generation activity (ties: the name first in ordinal order; nothing when no entry
/// generated code), and sums over the chat (<c>chat…</c>) and agent (<c>…agent…</c>) features.
/// </summary>
public static class Breakdown
{
    public static string? TopIde(IReadOnlyList<IdeTotals?>? totals) =>
        totals is null ? null : Top(totals.Where(t => t?.Ide is not null).Select(t => (t!.Ide!, t.CodeGenerationActivityCount ?? 0)));

    public static string? TopLanguage(IReadOnlyList<LanguageFeatureTotals?>? totals) =>
        totals is null
            ? null
            : Top(totals.Where(t => t?.Language is not null)
                .GroupBy(t => t!.Language!, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Sum(t => t!.CodeGenerationActivityCount ?? 0))));

    /// <summary>The name with the largest positive count; ties go to the ordinally smallest name.</summary>
    public static string? Top(IEnumerable<(string Name, long Count)> entries) =>
        entries.Where(e => e.Count > 0)
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => e.Name)
            .FirstOrDefault();

    public static bool IsChatFeature(string? feature) => feature is not null && feature.StartsWith("chat", StringComparison.Ordinal);

    public static bool IsAgentFeature(string? feature) => feature is not null && feature.Contains("agent", StringComparison.Ordinal);

    /// <summary>Sums a counter over the features <paramref name="include"/> accepts; null when the line has no feature breakdown.</summary>
    public static long? SumFeatures(IReadOnlyList<FeatureTotals?>? totals, Func<string?, bool> include, Func<FeatureTotals, long?> counter) =>
        totals?.Where(t => t is not null && include(t.Feature)).Sum(t => counter(t!) ?? 0);
}
