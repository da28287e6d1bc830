using System.CommandLine;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Hosting;
using CopilotIngest.Output;
using CopilotIngest.Workflows;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest run</c>: ingest every enabled source into Port once.</summary>
internal static class RunCommand
{
    public const string Description = "Ingest GitHub Copilot and Microsoft 365 Copilot data into Port once (the default command).";

    public static Command Create(CliContext context)
    {
        var command = new Command("run", Description);
        Configure(command, context);
        return command;
    }

    /// <summary>Adds the run options and action to <paramref name="command"/>; the root command runs too when no command is given.</summary>
    public static void Configure(Command command, CliContext context)
    {
        var envFile = CommonOptions.EnvFile();
        var summaryJson = CommonOptions.SummaryJson();
        var shard = CommonOptions.Shard();
        command.Options.Add(envFile);
        command.Options.Add(summaryJson);
        command.Options.Add(shard);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var summary = new SummaryTarget(parseResult.GetValue(summaryJson), context);
            return CommandGuard.RunAsync(
                context,
                () => IngestionWorkflow.RunWithPortTargetAsync(context, parseResult.GetValue(envFile), summary, ShardOverride(parseResult.GetValue(shard)), cancellationToken),
                cancellationToken,
                summary);
        });
    }

    private static Dictionary<string, string?> ShardOverride(string? shard) =>
        shard is null ? [] : new Dictionary<string, string?> { [ShardOptions.ShardSetting] = shard };
}
