using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// The real program in its own process, with the proxy variables set as a corporate machine sets them: loopback
/// (the local Port, the simulated services) is reached directly, everything else goes through the proxy.
/// </summary>
public sealed class ProxyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Demo_HttpsProxyUnreachable_LoopbackTrafficStillWorks()
    {
        // Nothing listens there: a client that sent loopback traffic to the proxy would fail.
        var unreachable = $"http://127.0.0.1:{FreePort()}";

        var (exitCode, output) = await RunProgramAsync(
            null,
            new Dictionary<string, string?> { ["HTTPS_PROXY"] = unreachable, ["HTTP_PROXY"] = unreachable, ["ALL_PROXY"] = unreachable, ["NO_PROXY"] = null },
            "demo", "--seats", "60", "--m365-users", "40");

        Assert.True(exitCode == 0, output);
        Assert.Contains("github_seats", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HttpsProxySet_RemoteCallsGoThroughIt()
    {
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var firstLine = AcceptFirstLineAsync(proxy);
        var address = $"http://127.0.0.1:{((IPEndPoint)proxy.LocalEndpoint).Port}";

        var (_, output) = await RunProgramAsync(
            firstLine,
            new Dictionary<string, string?>
            {
                ["HTTPS_PROXY"] = address,
                ["NO_PROXY"] = null,
                ["PORT_BASE_URL"] = "local",
                ["LOCAL_PORT_DATA_DIR"] = Path.Combine(_directory, "lp"),
                ["INGEST_M365"] = "false",
                ["GITHUB_API_URL"] = "https://api.github.example",
                ["GITHUB_TOKEN"] = "ghp_proxy_test_token",
                ["GITHUB_ORGS"] = "acme",
            },
            "run");

        var line = await firstLine.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(line.StartsWith("CONNECT api.github.example:443 ", StringComparison.Ordinal), line + Environment.NewLine + output);
    }

    private static async Task<string> AcceptFirstLineAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        return await reader.ReadLineAsync() ?? string.Empty;
    }

    /// <summary>Runs the program to its end, or until <paramref name="enough"/> completes (then it is stopped).</summary>
    private async Task<(int ExitCode, string Output)> RunProgramAsync(Task? enough, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "copilot-ingest.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "https_proxy", "http_proxy", "all_proxy", "no_proxy", "PORT_BASE_URL", "PORT_CLIENT_ID", "PORT_CLIENT_SECRET" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var exited = process.WaitForExitAsync(timeout.Token);
        if (enough is not null && await Task.WhenAny(exited, enough) == enough)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            try
            {
                await exited;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
