using CopilotIngest.Commands;
using CopilotIngest.Hosting;

namespace CopilotIngest;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        // SIGTERM (Kubernetes stopping the CronJob pod) and Ctrl+C cancel the run; whatever was written stays written.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cancellation.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await CliApplication.InvokeAsync(args, CliContext.FromProcess(), cancellation.Token);
    }
}
