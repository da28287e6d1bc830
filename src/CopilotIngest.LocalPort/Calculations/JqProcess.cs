using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;

namespace CopilotIngest.LocalPort.Calculations;

/// <summary>The <c>jq</c> binary on PATH is missing or failed; the message says which and how to fix it.</summary>
internal sealed class JqUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs one jq program over many JSON inputs with the real <c>jq</c> binary (one process per call, inputs streamed as
/// JSON lines): one result per input, null where the program fails or yields nothing for that input.
/// </summary>
internal static class JqProcess
{
    public const string Binary = "jq";

    public static async Task<IReadOnlyList<JsonNode?>> EvaluateAsync(string program, IReadOnlyList<JsonObject> inputs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        if (inputs.Count == 0)
        {
            return [];
        }

        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");

        // One output line per input: a failing or empty result becomes null instead of ending the stream.
        start.ArgumentList.Add($"[try ({program}) catch null] | .[0]");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new JqUnavailableException("The jq binary could not be started.");
        }
        catch (Win32Exception ex)
        {
            throw new JqUnavailableException("Calculation properties need the jq binary on PATH (e.g. apt-get install jq).", ex);
        }

        using (process)
        {
            var writing = Task.Run(() => WriteInputsAsync(process, inputs, cancellationToken), cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var results = new List<JsonNode?>(inputs.Count);
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                results.Add(line.Length == 0 ? null : JsonNode.Parse(line));
            }

            await writing;
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || results.Count != inputs.Count)
            {
                throw new JqUnavailableException($"jq could not evaluate '{program}' (exit code {process.ExitCode}): {(await errors).Trim()}");
            }

            return results;
        }
    }

    private static async Task WriteInputsAsync(Process process, IReadOnlyList<JsonObject> inputs, CancellationToken cancellationToken)
    {
        var writer = process.StandardInput;
        foreach (var input in inputs)
        {
            await writer.WriteLineAsync(JsonText.ToText(input).AsMemory(), cancellationToken);
        }

        writer.Close();
    }
}
