using CopilotIngest.Core.Redaction;

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
    /// <summary>Masks every secret the command learns of; what the command writes to <see cref="Out"/> and <see cref="Error"/> passes through it.</summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>How the command prints: set from <c>LOG_FORMAT</c> once settings are loaded.</summary>
    public OutputState Output { get; init; } = new();

    public static CliContext FromProcess()
    {
        var environment = System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var interactive = !Console.IsOutputRedirected && !environment.ContainsKey("CI") && !environment.ContainsKey("KUBERNETES_SERVICE_HOST");
        return new CliContext(environment, Directory.GetCurrentDirectory(), Console.Out, Console.Error, TimeProvider.System, interactive);
    }
}

/// <summary>What a command learnt about how to print while it ran.</summary>
internal sealed class OutputState
{
    /// <summary><c>LOG_FORMAT=json</c>: every line is one JSON object; no tables.</summary>
    public bool Json { get; set; }

    /// <summary>Settings warnings already shown (settings are loaded more than once by some commands).</summary>
    public HashSet<string> WarningsShown { get; } = new(StringComparer.Ordinal);
}
