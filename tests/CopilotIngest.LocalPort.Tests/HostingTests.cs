using CopilotIngest.LocalPort.Hosting;
using CopilotIngest.LocalPort.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.LocalPort.Tests;

public sealed class HostingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "localport-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddLocalPort_Configured_StartsOneServerWithThoseCredentials()
    {
        await using var provider = Build(new()
        {
            ["LOCAL_PORT_DATABASE"] = Path.Combine(_directory, "port.db"),
            ["LOCAL_PORT_LISTEN_PORT"] = "0",
            ["PORT_CLIENT_ID"] = "my-client",
            ["PORT_CLIENT_SECRET"] = "my-secret",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var host = provider.GetRequiredService<LocalPortHost>();

        var server = await host.GetServerAsync(TestPort.Ct);
        var again = await host.GetServerAsync(TestPort.Ct);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var token = await client.PostAsync("v1/auth/access_token",
            new StringContent("""{"clientId":"my-client","clientSecret":"my-secret"}""", System.Text.Encoding.UTF8, "application/json"), TestPort.Ct);

        Assert.Same(server, again);
        Assert.Equal("my-client", server.ClientId);
        Assert.Equal(Path.Combine(_directory, "port.db"), server.DatabasePath);
        Assert.True(server.BaseAddress.IsLoopback);
        Assert.Equal(200, (int)token.StatusCode);
    }

    [Fact]
    public async Task AddLocalPort_NoCredentials_UsesLocalClientAndARandomSecret()
    {
        await using var provider = Build(new() { ["LOCAL_PORT_DATABASE"] = Path.Combine(_directory, "port.db") });

        var server = await provider.GetRequiredService<LocalPortHost>().GetServerAsync(TestPort.Ct);

        Assert.Equal("local-client", server.ClientId);
        Assert.Equal(48, server.ClientSecret.Length);
    }

    [Fact]
    public async Task AddLocalPort_BadSettings_ValidationNamesEveryVariable()
    {
        Directory.CreateDirectory(_directory);
        await using var provider = Build(new()
        {
            ["LOCAL_PORT_DATABASE"] = _directory,
            ["LOCAL_PORT_LISTEN_PORT"] = "http",
            ["PORT_CLIENT_ID"] = "has space",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("LOCAL_PORT_LISTEN_PORT", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("LOCAL_PORT_DATABASE", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PORT_CLIENT_ID", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLocalPort(configuration).BuildServiceProvider();
    }
}
