using System.CommandLine;
using CopilotIngest.Core.Redaction;
using CopilotIngest.Hosting;

namespace CopilotIngest.Commands;

/// <summary>The <c>copilot-ingest</c> command line.</summary>
internal static class CliApplication
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand(
            "copilot-ingest keeps GitHub Copilot and Microsoft 365 Copilot usage and seat data in Port.\n" +
            "With no command it runs 'run'. Settings come from environment variables and a .env file (see config.example.env).");
        RunCommand.Configure(root, context);
        root.Subcommands.Add(RunCommand.Create(context));
        foreach (var command in ExtraCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        // Every line the command prints passes the redactor, which learns the secrets of the environment now and
        // those of the settings file and the demo as they are loaded.
        context.Redactor.AddSettings(context.Environment);
        await using var output = new RedactingTextWriter(context.Out, context.Redactor);
        await using var error = new RedactingTextWriter(context.Error, context.Redactor);
        context = context with { Out = output, Error = error };
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        var parseResult = Create(context).Parse(args);
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);

        // A mistyped command line is a usage problem like a bad setting, not a failed ingestion.
        return parseResult.Errors.Count > 0 ? ExitCodes.InvalidSettings : exitCode;
    }
}
