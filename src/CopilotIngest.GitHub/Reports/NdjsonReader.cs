using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CopilotIngest.GitHub.Reports;

/// <summary>
/// Streams an NDJSON file record by record. Lines are read into a buffer that grows to at most the line limit: a
/// longer line is reported and skipped without being held in memory. Blank lines, <c>\r\n</c> endings, a UTF-8 BOM
/// and a last line without a newline are accepted; a line that is not a record is reported by number and the rest
/// of the file is kept.
/// </summary>
public static class NdjsonReader
{
    private const int InitialBufferBytes = 64 * 1024;
    private static readonly byte[] s_byteOrderMark = [0xEF, 0xBB, 0xBF];

    public static async IAsyncEnumerable<NdjsonLine<T>> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);

        var buffer = new byte[Math.Min(InitialBufferBytes, maxLineBytes + 1)];
        int start = 0, end = 0, scanFrom = 0;
        long lineNumber = 0;
        var skipping = false;
        var endOfStream = false;
        while (true)
        {
            var newline = buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                newline += scanFrom;
                lineNumber++;
                if (skipping)
                {
                    skipping = false;
                }
                else if (Parse(buffer.AsSpan(start, newline - start), lineNumber, typeInfo) is { } line)
                {
                    yield return line;
                }

                start = scanFrom = newline + 1;
                continue;
            }

            if (endOfStream)
            {
                if (start < end && !skipping && Parse(buffer.AsSpan(start, end - start), lineNumber + 1, typeInfo) is { } last)
                {
                    yield return last;
                }

                yield break;
            }

            if (skipping)
            {
                start = end = scanFrom = 0;
            }
            else if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
                scanFrom = end;
            }
            else
            {
                scanFrom = end;
            }

            if (end == buffer.Length)
            {
                if (buffer.Length > maxLineBytes)
                {
                    skipping = true;
                    start = end = scanFrom = 0;
                    yield return new NdjsonLine<T>(lineNumber + 1, null, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {maxLineBytes} bytes, the most this job reads; skipped"));
                }
                else
                {
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxLineBytes + 1));
                }
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                endOfStream = true;
            }
            else
            {
                end += read;
            }
        }
    }

    private static NdjsonLine<T>? Parse<T>(ReadOnlySpan<byte> line, long number, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (number == 1 && line.StartsWith(s_byteOrderMark))
        {
            line = line[s_byteOrderMark.Length..];
        }

        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize(line, typeInfo);
            return value is null
                ? new NdjsonLine<T>(number, null, "the line is JSON null, not a record")
                : new NdjsonLine<T>(number, value, null);
        }
        catch (JsonException ex)
        {
            var what = line[0] == (byte)'{' ? $"not a valid record: {ex.Message}" : "not a JSON object";
            return new NdjsonLine<T>(number, null, what);
        }
    }
}
