using System.CommandLine;

namespace CopilotIngest.Commands;

/// <summary>Options shared by the commands that read settings.</summary>
internal static class CommonOptions
{
    public static Option<string?> EnvFile() => new("--env-file")
    {
        Description = "Settings file read for whatever the environment does not set (default: .env in the working directory, when present).",
        HelpName = "path",
    };

    public static Option<string?> SummaryJson() => new("--summary-json")
    {
        Description = "Also write the run summary as JSON to this file ('-' for standard output).",
        HelpName = "path",
    };
}
