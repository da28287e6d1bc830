using System.Reflection;
using System.Text.RegularExpressions;
using CopilotIngest.Core.Pricing;
using CopilotIngest.Core.Privacy;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sharding;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.M365.Configuration;
using CopilotIngest.Port;

namespace CopilotIngest.Settings;

/// <summary>
/// Every setting name the program reads, gathered from the constants of the classes that own them (no name is
/// repeated here), and the closest known name to a misspelt one.
/// </summary>
internal static partial class KnownSettings
{
    private const int MaxTypoDistance = 2;

    private static readonly Type[] s_owners =
    [
        typeof(GitHubSettingNames),
        typeof(M365Settings),
        typeof(PortSettings),
        typeof(Port.Webhooks.PortWebhookSettings),
        typeof(PrivacyOptions),
        typeof(LicencePriceSettings),
        typeof(ReconcileOptions),
        typeof(ShardOptions),
        typeof(LocalPortRateLimit),
        typeof(LogSettings),
        typeof(WorkerSettings),
        typeof(LocalPortDataDirectory),
    ];

    private static readonly Lazy<IReadOnlySet<string>> s_names = new(Gather);

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")]
    private static partial Regex SettingNamePattern();

    public static IReadOnlySet<string> Names => s_names.Value;

    /// <summary>True for a known setting, or its <c>NAME_FILE</c> form.</summary>
    public static bool IsKnown(string name) =>
        Names.Contains(name) || (name.EndsWith("_FILE", StringComparison.Ordinal) && Names.Contains(name[..^"_FILE".Length]));

    /// <summary>The known setting <paramref name="name"/> is probably a misspelling of, or null.</summary>
    public static string? Suggest(string name)
    {
        if (IsKnown(name) || name.Length < 6)
        {
            return null;
        }

        var upper = name.ToUpperInvariant();
        if (IsKnown(upper))
        {
            return upper;
        }

        return Names
            .Select(known => (Known: known, Distance: Distance(upper, known)))
            .Where(c => c.Distance <= MaxTypoDistance)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Known, StringComparer.Ordinal)
            .Select(c => c.Known)
            .FirstOrDefault();
    }

    private static HashSet<string> Gather() =>
        s_owners
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => SettingNamePattern().IsMatch(v))
            .ToHashSet(StringComparer.Ordinal);

    // Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
