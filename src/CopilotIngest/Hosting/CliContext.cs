namespace CopilotIngest.Hosting;

/// <summary>What a command may read from its surroundings; tests pass their own.</summary>
internal sealed record CliContext(
    IReadOnlyDictionary<string, string?> Environment,
    string WorkingDirectory,
    TextWriter Out,
    TextWriter Error,
    TimeProvider TimeProvider,
    bool Interactive)
{
    public static CliContext FromProcess()
    {
        var environment = System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var interactive = !Console.IsOutputRedirected && !environment.ContainsKey("CI") && !environment.ContainsKey("KUBERNETES_SERVICE_HOST");
        return new CliContext(environment, Directory.GetCurrentDirectory(), Console.Out, Console.Error, TimeProvider.System, interactive);
    }
}
