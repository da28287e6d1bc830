using CopilotIngest.LocalPortHost;
using CopilotIngest.Settings;

namespace CopilotIngest.Cli.Tests;

public sealed class LocalPortRateLimitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("copilot-ingest-lprl-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("600/10", 600, 10)]
    [InlineData(" 35000 / 300 ", 35000, 300)]
    public void Parse_RequestsPerSeconds_ReadsBoth(string value, int requests, int seconds)
    {
        var limit = LocalPortRateLimit.Parse(value);

        Assert.Equal(new LocalPortRateLimit(requests, TimeSpan.FromSeconds(seconds)), limit);
    }

    [Theory]
    [InlineData("600")]
    [InlineData("600/0")]
    [InlineData("0/10")]
    [InlineData("fast")]
    [InlineData("-5/10")]
    public void Parse_Unreadable_NamesTheSetting(string value)
    {
        var error = Assert.Throws<SettingsException>(() => LocalPortRateLimit.Parse(value));

        Assert.Contains(LocalPortRateLimit.Setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalPort_UnreadableRateLimit_Exit2NamingTheSetting()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?> { [LocalPortRateLimit.Setting] = "lots" },
            _directory,
            "local-port",
            "--data-dir",
            Path.Combine(_directory, "data"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(LocalPortRateLimit.Setting, result.Error, StringComparison.Ordinal);
    }
}
