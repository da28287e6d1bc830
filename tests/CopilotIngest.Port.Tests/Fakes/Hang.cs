using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>A server that accepted the request and never answers (until the client gives up).</summary>
internal static class Hang
{
    public static async Task Forever(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up: exactly what the test waits for.
        }
    }

    /// <summary>A loopback address where nothing listens: connections are refused at once.</summary>
    public static Uri ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
