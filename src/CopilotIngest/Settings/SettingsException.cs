namespace CopilotIngest.Settings;

/// <summary>Settings are missing or invalid; carries every problem so they can be shown in one message.</summary>
internal sealed class SettingsException(IReadOnlyList<string> problems)
    : Exception("Settings are missing or invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
