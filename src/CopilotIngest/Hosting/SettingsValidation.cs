using Microsoft.Extensions.Options;

namespace CopilotIngest.Hosting;

/// <summary>Collects every settings problem from a failed start-up, however the options system wrapped them.</summary>
internal static class SettingsValidation
{
    public static IReadOnlyList<string>? Problems(Exception exception)
    {
        var failures = new List<string>();
        Collect(exception, failures);
        return failures.Count > 0 ? failures.Distinct(StringComparer.Ordinal).ToList() : null;
    }

    private static void Collect(Exception exception, List<string> failures)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                failures.AddRange(validation.Failures.SelectMany(Split));
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, failures);
                }

                break;
        }
    }

    // Each failure is one problem; a multi-line failure is shown one line per bullet.
    private static IEnumerable<string> Split(string failure) =>
        failure.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
