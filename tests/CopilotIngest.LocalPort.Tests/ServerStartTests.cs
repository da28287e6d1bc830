using System.Net;
using System.Net.Sockets;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class ServerStartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "localport-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_FixedPort_ListensOnLoopbackThere()
    {
        var free = FreePort();

        await using var server = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "a.db"), Port = free }, TestPort.Ct);

        Assert.Equal(new Uri($"http://127.0.0.1:{free}/"), server.BaseAddress);
    }

    [Fact]
    public async Task Start_PortInUse_ThrowsAndReleasesTheDatabase()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        var path = Path.Combine(_directory, "b.db");

        await Assert.ThrowsAnyAsync<IOException>(() => LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = path, Port = taken }, TestPort.Ct));
        await using var retry = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = path }, TestPort.Ct);

        Assert.True(retry.BaseAddress.Port != taken);
    }

    [Fact]
    public async Task Start_DefaultOptions_GeneratesASecretPerServer()
    {
        await using var first = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "c.db") }, TestPort.Ct);
        await using var second = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "d.db") }, TestPort.Ct);

        Assert.Equal("local-client", first.ClientId);
        Assert.NotEqual(first.ClientSecret, second.ClientSecret);
    }

    [Fact]
    public async Task Dispose_Twice_IsHarmless()
    {
        var server = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "e.db") }, TestPort.Ct);

        await server.DisposeAsync();
        await server.DisposeAsync();

        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.BaseAddress, TestPort.Ct));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
