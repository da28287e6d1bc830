using System.Text;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.GitHub.Reports;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary>Reads NDJSON fixtures (the vendor examples or inline text) with the product's reader.</summary>
internal static class ReportFixtures
{
    public static async Task<List<NdjsonLine<T>>> LinesAsync<T>(string text, JsonTypeInfo<T> typeInfo, int maxLineBytes = 8 * 1024 * 1024)
        where T : class
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await LinesAsync(stream, typeInfo, maxLineBytes);
    }

    public static async Task<List<NdjsonLine<T>>> LinesAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, int maxLineBytes = 8 * 1024 * 1024)
        where T : class
    {
        var lines = new List<NdjsonLine<T>>();
        await foreach (var line in NdjsonReader.ReadAsync(stream, typeInfo, maxLineBytes, TestContext.Current.CancellationToken))
        {
            lines.Add(line);
        }

        return lines;
    }

    public static async Task<List<T>> RecordsAsync<T>(string referenceFile, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        await using var stream = File.OpenRead(Testing.ReferenceFiles.Path(referenceFile));
        var lines = await LinesAsync(stream, typeInfo);
        Assert.All(lines, l => Assert.Null(l.Problem));
        return [.. lines.Select(l => l.Value!)];
    }
}
