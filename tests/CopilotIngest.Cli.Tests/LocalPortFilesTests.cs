using System.Net;
using System.Net.Sockets;
using CopilotIngest.LocalPortHost;
using Microsoft.Data.Sqlite;

namespace CopilotIngest.Cli.Tests;

/// <summary>The local Port's files are private, and a problem with them names the file or port and the fix.</summary>
public sealed class LocalPortFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("localport-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartAsync_NewDataDirectory_FolderAndFilesReadableByOwnerOnly()
    {
        var dataDirectory = Path.Combine(_directory, "data");
        await using (var server = await LocalPortLauncher.StartAsync(dataDirectory, 0, TimeProvider.System, TestContext.Current.CancellationToken))
        {
            Assert.Equal(0, await server.CountEntitiesAsync("github_copilot_seats", TestContext.Current.CancellationToken));
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDirectory));
        foreach (var file in Directory.EnumerateFiles(dataDirectory))
        {
            Assert.True((File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) == 0, $"{file}: {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task StartAsync_ExistingWorldReadableDatabase_Restricted()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDirectory = Path.Combine(_directory, "old");
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, LocalPortLauncher.DatabaseFileName);
        await File.WriteAllBytesAsync(database, [], TestContext.Current.CancellationToken);
        File.SetUnixFileMode(database, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using (await LocalPortLauncher.StartAsync(dataDirectory, 0, TimeProvider.System, TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
    }

    [Fact]
    public async Task Setup_LocalPortDatabaseDamaged_ExitCode2NamesTheFileAndTheFix()
    {
        var dataDirectory = Path.Combine(_directory, ".copilot-ingest");
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, LocalPortLauncher.DatabaseFileName);
        await File.WriteAllTextAsync(database, new string('x', 8192), TestContext.Current.CancellationToken);

        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["PORT_BASE_URL"] = "local" }, _directory, "setup");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(database, result.Error, StringComparison.Ordinal);
        Assert.Contains("Move it aside", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_DataDirectoryIsAFile_ExitCode2NamesTheFolder()
    {
        var notAFolder = Path.Combine(_directory, "taken");
        await File.WriteAllTextAsync(notAFolder, "a file, not a folder", TestContext.Current.CancellationToken);

        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["PORT_BASE_URL"] = "local", ["LOCAL_PORT_DATA_DIR"] = notAFolder }, _directory, "setup");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(notAFolder, result.Error, StringComparison.Ordinal);
        Assert.Contains("LOCAL_PORT_DATA_DIR", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalPort_ListenPortInUse_ExitCode2NamesThePort()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "local-port", "--data-dir", "lp", "--listen-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Port {port} on 127.0.0.1 is already in use", result.Error, StringComparison.Ordinal);
        Assert.Contains("--listen-port", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, "cannot be opened for writing")]
    [InlineData(14, "cannot be opened for writing")]
    [InlineData(11, "damaged")]
    [InlineData(26, "damaged")]
    [InlineData(13, "free space")]
    public void Translate_SqliteFailure_NamesTheDatabaseAndTheFix(int code, string expected)
    {
        var translated = LocalPortErrors.Translate(new SqliteException("sqlite said no", code), "/data", "/data/local-port.db", 0);

        Assert.NotNull(translated);
        Assert.Contains("/data/local-port.db", translated.Message, StringComparison.Ordinal);
        Assert.Contains(expected, translated.Message, StringComparison.Ordinal);
        Assert.Equal(2, translated.ExitCode);
    }
}
