using System.Diagnostics;

namespace CopilotIngest.Cli.Tests;

/// <summary>Debian's headless <c>chromium</c> (on PATH; <c>.ci/run</c> installs it): the DOM after scripts ran, and screenshots.</summary>
internal static class Chromium
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    /// <summary>The page's DOM after its scripts ran (virtual time lets them finish before the dump).</summary>
    public static Task<string> DumpDomAsync(string htmlFile, CancellationToken cancellationToken) =>
        RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri], cancellationToken);

    public static async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height, CancellationToken cancellationToken)
    {
        await RunAsync([$"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlFile).AbsoluteUri], cancellationToken);
        Assert.True(File.Exists(pngFile), $"chromium wrote no screenshot to {pngFile}");
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        try
        {
            var start = new ProcessStartInfo("chromium")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--run-all-compositor-stages-before-draw", "--virtual-time-budget=15000", $"--user-data-dir={profile}",
            }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await errors}");
            return await output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
