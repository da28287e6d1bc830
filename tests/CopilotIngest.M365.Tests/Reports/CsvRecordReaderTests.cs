using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Tests.Reports;

public sealed class CsvRecordReaderTests
{
    private static async Task<List<IReadOnlyList<string>>> ReadAllAsync(string text, int max = 1000)
    {
        var reader = new CsvRecordReader(new StringReader(text), max);
        var records = new List<IReadOnlyList<string>>();
        while (await reader.ReadRecordAsync(CancellationToken.None) is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task ReadRecordAsync_QuotedFieldsWithCommasQuotesAndLineBreaks_KeepsThemInOneField()
    {
        var records = await ReadAllAsync("a,\"Vance, Adele\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nb,c,d,e\r\n");

        Assert.Equal(["a", "Vance, Adele", "say \"hi\"", "two\nlines"], records[0]);
        Assert.Equal(["b", "c", "d", "e"], records[1]);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public async Task ReadRecordAsync_LfCrLfAndNoFinalNewline_SplitsRecords()
    {
        var records = await ReadAllAsync("a,b\nc,d\r\ne,f");

        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], records.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public async Task ReadRecordAsync_EmptyFields_AreEmptyStrings()
    {
        var records = await ReadAllAsync(",,\n");

        Assert.Equal(["", "", ""], records[0]);
    }

    [Fact]
    public async Task ReadRecordAsync_EmptyInput_ReturnsNull()
    {
        Assert.Empty(await ReadAllAsync(string.Empty));
    }

    [Fact]
    public async Task ReadRecordAsync_QuoteOpenAtEnd_ThrowsTruncated()
    {
        var error = await Assert.ThrowsAsync<ReportFormatException>(() => ReadAllAsync("a,b\nc,\"unfinished"));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRecordAsync_RecordLongerThanLimit_Throws()
    {
        var error = await Assert.ThrowsAsync<ReportFormatException>(() => ReadAllAsync("a," + new string('x', 5000) + "\n", max: 1000));

        Assert.Contains("longer than 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordLine_AfterQuotedLineBreak_CountsPhysicalLines()
    {
        var reader = new CsvRecordReader(new StringReader("h\n\"x\ny\"\nz\n"), 100);
        await reader.ReadRecordAsync(CancellationToken.None);
        await reader.ReadRecordAsync(CancellationToken.None);
        await reader.ReadRecordAsync(CancellationToken.None);

        Assert.Equal(4, reader.RecordLine);
    }
}
