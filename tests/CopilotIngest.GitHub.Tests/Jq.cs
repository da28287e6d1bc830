using System.Diagnostics;

namespace CopilotIngest.GitHub.Tests;

/// <summary>Runs the real <c>jq</c> binary (Port evaluates mappings and calculations with jq); never skips when it is missing.</summary>
internal static class Jq
{
    private static readonly Lazy<string> s_path = new(Find);

    /// <summary>Runs <paramref name="filter"/> over <paramref name="input"/> with <c>jq -c</c> and returns its output.</summary>
    public static async Task<string> RunAsync(string filter, string input)
    {
        var start = new ProcessStartInfo(s_path.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(filter);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("jq did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var stdout = await output;
        var stderr = await error;
        Assert.True(process.ExitCode == 0, $"jq failed ({process.ExitCode}): {stderr}\nfilter: {filter}");
        return stdout;
    }

    private static string Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "jq");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The jq binary is not on PATH. Install it (Debian: apt-get install jq; .ci/run does this) to run the mapping tests.");
    }
}
