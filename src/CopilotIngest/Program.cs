using System.Runtime.InteropServices;
using CopilotIngest.Commands;
using CopilotIngest.Hosting;

namespace CopilotIngest;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Lives as long as the process: a signal that arrives while the process winds down must find it alive.
        var cancellation = new CancellationTokenSource();

        // SIGTERM (Kubernetes stopping the pod), SIGINT and Ctrl+C cancel the command; what was written stays written.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Cancel(c, cancellation));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Cancel(c, cancellation));
        return await CliApplication.InvokeAsync(args, CliContext.FromProcess(), cancellation.Token);
    }

    private static void Cancel(PosixSignalContext context, CancellationTokenSource cancellation)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
}
