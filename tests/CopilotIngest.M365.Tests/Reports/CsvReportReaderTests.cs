using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Tests.Reports;

public sealed class CsvReportReaderTests
{
    private const string Header = "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Report Period";

    [Fact]
    public async Task ReadAsync_ByteOrderMark_IsNotPartOfTheFirstColumn()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync(Header + "\r\n2026-07-03,a@contoso.com,A,,7\r\n", CopilotReport.UsageUserDetail, state, bom: true);

        Assert.Equal("2026-07-03", Assert.Single(rows).Get("reportrefreshdate"));
        Assert.True(state.Complete);
    }

    [Fact]
    public async Task ReadAsync_ByteOrderMarkDecodedAsCharacter_IsStripped()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync("\uFEFF\uFEFF" + Header + "\n2026-07-03,a@contoso.com,A,,7\n", CopilotReport.UsageUserDetail, state);

        Assert.True(Assert.Single(rows).Has("reportrefreshdate"));
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_ThrowsNoHeader()
    {
        var error = await Assert.ThrowsAsync<ReportFormatException>(() => ReportParsing.CsvRowsAsync(string.Empty, CopilotReport.UsageUserDetail, new ReportReadState()));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_HeaderOnly_NoRowsAndComplete()
    {
        var state = new ReportReadState();

        Assert.Empty(await ReportParsing.CsvRowsAsync(Header + "\r\n", CopilotReport.UsageUserDetail, state));
        Assert.True(state.Complete);
    }

    [Fact]
    public async Task ReadAsync_RequiredColumnMissing_ThrowsNamingItAndTheHeaderFound()
    {
        var error = await Assert.ThrowsAsync<ReportFormatException>(() =>
            ReportParsing.CsvRowsAsync("Report Refresh Date,Display Name\n2026-07-03,A\n", CopilotReport.UsageUserDetail, new ReportReadState()));

        Assert.Contains("User Principal Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("Display Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_HtmlInsteadOfCsv_ThrowsMissingColumns()
    {
        await Assert.ThrowsAsync<ReportFormatException>(() =>
            ReportParsing.CsvRowsAsync("<html><body>Sign in</body></html>\n", CopilotReport.UsageUserDetail, new ReportReadState()));
    }

    [Fact]
    public async Task ReadAsync_RowWithTooFewOrTooManyFields_SkippedAsMalformedWithLine()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync(
            Header + "\n2026-07-03,a@contoso.com,A,,7\n2026-07-03,b@contoso.com\n2026-07-03,c@contoso.com,C,,7,extra\n2026-07-03,d@contoso.com,D,,7\n",
            CopilotReport.UsageUserDetail,
            state);

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, state.MalformedRows);
        Assert.Equal(["line 3", "line 4"], state.Problems.Select(p => p.Location));
        Assert.False(state.Complete);
    }

    [Fact]
    public async Task ReadAsync_BodyCutInTheMiddleOfARow_LastRowMalformedAndIncomplete()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync(Header + "\n2026-07-03,a@contoso.com,A,,7\n2026-07-03,b@cont", CopilotReport.UsageUserDetail, state);

        Assert.Single(rows);
        Assert.False(state.Complete);
    }

    [Fact]
    public async Task ReadAsync_BlankLines_AreIgnored()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync(Header + "\n\n2026-07-03,a@contoso.com,A,,7\n\n\n", CopilotReport.UsageUserDetail, state);

        Assert.Single(rows);
        Assert.True(state.Complete);
    }

    [Fact]
    public async Task ReadAsync_OversizedField_Throws()
    {
        await Assert.ThrowsAsync<ReportFormatException>(() =>
            ReportParsing.CsvRowsAsync(Header + "\n2026-07-03," + new string('a', CsvReportReader.MaxRecordChars + 10) + ",A,,7\n", CopilotReport.UsageUserDetail, new ReportReadState()));
    }

    [Fact]
    public async Task Read_ValuesThatAreNotDatesOrTooLong_RowMalformedWithoutTheValueInTheReason()
    {
        var state = new ReportReadState();
        var users = await ReportParsing.UsersFromCsvAsync(
            Header + ",Word Copilot Last Activity Date\n"
            + "2026-07-03,a@contoso.com,A,2026-13-45,7,\n"
            + "2026-07-03," + new string('b', 2000) + "@contoso.com,B,,7,\n"
            + "2026-07-03,c@contoso.com,C,,seven,\n"
            + ",d@contoso.com,D,,7,\n"
            + "2026-07-03,,E,,7,\n"
            + "2026-07-03,f@contoso.com,F,,7,yesterday\n"
            + "2026-07-03,g@contoso.com,G,2026-07-01,7,2026-07-01\n",
            state);

        Assert.Equal("g@contoso.com", Assert.Single(users).UserPrincipalName);
        Assert.Equal(6, state.MalformedRows);
        Assert.Contains(state.Problems, p => p.Reason.Contains("'Last Activity Date' is not a date", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Reason.Contains("longer than", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Reason.Contains("'Report Period'", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Reason.Contains("'Report Refresh Date' is empty", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Reason.Contains("'User Principal Name' is empty", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Reason.Contains("Word Last Activity Date", StringComparison.Ordinal));
        Assert.DoesNotContain(state.Problems, p => p.Reason.Contains("@contoso.com", StringComparison.Ordinal) || p.Reason.Contains("yesterday", StringComparison.Ordinal));
    }
}
