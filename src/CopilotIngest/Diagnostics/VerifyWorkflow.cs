using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Hosting;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Diagnostics;

/// <summary><c>verify</c>: compares what the sources report now with what Port holds; exits 1 on any mismatch.</summary>
internal static class VerifyWorkflow
{
    public static async Task<int> RunAsync(LoadedSettings settings, CliContext context, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.All, context, cancellationToken, DiagnosticsServices.Register(ProductFiles.BlueprintsDirectory(context.WorkingDirectory)));
        var rows = new List<ParityRow>();
        foreach (var check in host.Services.GetServices<IParityCheck>())
        {
            await foreach (var row in check.RunAsync(cancellationToken))
            {
                rows.Add(row);
            }
        }

        await host.StopAsync(cancellationToken);
        await ParityPrinter.PrintAsync(context, rows);
        return rows.Any(r => r.Outcome != ParityOutcome.Match) ? ExitCodes.DataSetFailed : ExitCodes.Success;
    }
}
