using System.CommandLine;
using CopilotIngest.Core.Sharding;
using CopilotIngest.LocalPortHost;

namespace CopilotIngest.Commands;

/// <summary>Options shared by the commands that read settings.</summary>
internal static class CommonOptions
{
    public static Option<string?> EnvFile() => new("--env-file")
    {
        Description = "Settings file read for whatever the environment does not set (default: .env in the working directory, when present).",
        HelpName = "path",
    };

    /// <summary>For the commands that open the local Port's data (<c>demo</c>, <c>local-port</c>, <c>dashboard</c>).</summary>
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = $"Folder for the local Port's database and credentials (default: {LocalPortDataDirectory.Setting}, else {LocalPortDataDirectory.Default}).",
        HelpName = "dir",
    };

    public static Option<string?> Shard() => new("--shard")
    {
        Description = $"Run only shard i of n (0-based, e.g. 0/4): the organizations, enterprise and Microsoft 365 data sets are split across n runs whose union is one whole run. Sets {ShardOptions.ShardSetting}.",
        HelpName = "i/n",
    };

    public static Option<string?> SummaryJson() => new("--summary-json")
    {
        Description = "Also write the run summary as JSON to this file ('-' for standard output).",
        HelpName = "path",
    };
}
