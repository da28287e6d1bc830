namespace CopilotIngest.M365.Reports;

/// <summary>
/// One key for a CSV header and a JSON property: lower-case letters and digits only, so
/// "Microsoft Teams Enabled Users", "microsoftTeamsEnabledUsers" and "Copilot Chat (work) …" all compare reliably.
/// </summary>
internal static class ColumnKey
{
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(name.Count(char.IsAsciiLetterOrDigit), name, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    span[i++] = char.ToLowerInvariant(c);
                }
            }
        });
    }
}
