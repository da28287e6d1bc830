using CopilotIngest.Core.Http;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Logging;
using CopilotIngest.Output;
using CopilotIngest.Settings;
using CopilotIngest.Workflows;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Commands;

/// <summary>
/// Turns what a command throws into a clear message and an exit code; never a stack trace. When the command was
/// asked for <c>--summary-json</c> and stopped before writing it, a summary saying why is written here.
/// </summary>
internal static class CommandGuard
{
    public const string SeeConfigExample = "See config.example.env for every setting, its default and an example.";

    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> command, CancellationToken cancellationToken, SummaryTarget? summary = null)
    {
        try
        {
            return await command();
        }
        catch (SettingsException ex)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.InvalidSettings, ex.Message + Environment.NewLine + SeeConfigExample);
            await StoppedAsync(context, summary, RunOutcome.InvalidSettings, ExitCodes.InvalidSettings, "Settings are missing or invalid.", ex.Problems);
            return ExitCodes.InvalidSettings;
        }
        catch (ConfirmationRequiredException ex)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.ConfirmationRequired, ex.Message);
            await StoppedAsync(context, summary, RunOutcome.InvalidSettings, ExitCodes.InvalidSettings, ex.Message);
            return ExitCodes.InvalidSettings;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Warning, CliMessages.Events.Cancelled, IngestionWorkflow.CancelledMessage);
            await StoppedAsync(context, summary, RunOutcome.Cancelled, ExitCodes.Cancelled, "Cancelled before any data set ran.");
            return ExitCodes.Cancelled;
        }
        catch (LocalPortException ex)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.LocalPortProblem, ex.Message);
            await StoppedAsync(context, summary, RunOutcome.Failed, ex.ExitCode, ex.Message);
            return ex.ExitCode;
        }
        catch (ApiException ex)
        {
            var message = $"{ex.Service}: {ex.Message}";
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.ApiFailed, message);
            await StoppedAsync(context, summary, RunOutcome.Failed, ExitCodes.DataSetFailed, message);
            return ExitCodes.DataSetFailed;
        }
        catch (InvalidDataException ex)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.ApiFailed, ex.Message);
            await StoppedAsync(context, summary, RunOutcome.Failed, ExitCodes.DataSetFailed, ex.Message);
            return ExitCodes.DataSetFailed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var message = $"Unexpected error ({ex.GetType().Name}): {ex.Message}";
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.Unexpected, message, ex);
            await StoppedAsync(context, summary, RunOutcome.Failed, ExitCodes.DataSetFailed, message);
            return ExitCodes.DataSetFailed;
        }
        finally
        {
            await context.Out.FlushAsync(CancellationToken.None);
            await context.Error.FlushAsync(CancellationToken.None);
        }
    }

    private static async Task StoppedAsync(CliContext context, SummaryTarget? summary, string outcome, int exitCode, string error, IReadOnlyList<string>? problems = null)
    {
        if (summary is null || summary.Written)
        {
            return;
        }

        await summary.WriteAsync(RunSummary.Stopped(summary.StartedAt, context.TimeProvider.GetUtcNow(), outcome, exitCode, error, problems));
    }
}
