using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Hosting;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Diagnostics;

/// <summary><c>doctor</c>: runs every check of Port and the enabled sources, prints them, exits 1 when one found a problem.</summary>
internal static class DoctorWorkflow
{
    public static async Task<int> RunAsync(LoadedSettings settings, CliContext context, string blueprintsDirectory, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.All, context, cancellationToken, DiagnosticsServices.Register(blueprintsDirectory));
        var results = new List<CheckResult>();
        foreach (var check in host.Services.GetServices<IDoctorCheck>())
        {
            await foreach (var result in check.RunAsync(cancellationToken))
            {
                results.Add(result);
            }
        }

        await host.StopAsync(cancellationToken);
        await CheckPrinter.PrintAsync(context, results);
        return results.Any(r => r.Outcome == CheckOutcome.Problem) ? ExitCodes.DataSetFailed : ExitCodes.Success;
    }
}
