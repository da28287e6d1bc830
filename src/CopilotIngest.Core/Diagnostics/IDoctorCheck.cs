namespace CopilotIngest.Core.Diagnostics;

/// <summary>Checks the credentials and permissions of one service without changing anything there.</summary>
public interface IDoctorCheck
{
    /// <summary>Runs every check of the service, in the order they are shown; a failed check never throws.</summary>
    IAsyncEnumerable<CheckResult> RunAsync(CancellationToken cancellationToken);
}
