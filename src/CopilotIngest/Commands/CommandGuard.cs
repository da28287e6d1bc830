using CopilotIngest.Core.Http;
using CopilotIngest.Hosting;
using CopilotIngest.Settings;

namespace CopilotIngest.Commands;

/// <summary>Turns what a command throws into a clear message and an exit code; never a stack trace.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await command();
        }
        catch (SettingsException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            await context.Error.WriteLineAsync("See config.example.env for every setting, its default and an example.");
            return ExitCodes.InvalidSettings;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("Cancelled. What was written stays in Port; run again to complete (identifiers are deterministic, so nothing is duplicated).");
            return ExitCodes.Cancelled;
        }
        catch (ApiException ex)
        {
            await context.Error.WriteLineAsync($"{ex.Service}: {ex.Message}");
            return ExitCodes.DataSetFailed;
        }
        catch (InvalidDataException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return ExitCodes.DataSetFailed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await context.Error.WriteLineAsync($"Unexpected error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.DataSetFailed;
        }
    }
}
