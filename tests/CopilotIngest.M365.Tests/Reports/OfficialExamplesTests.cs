using CopilotIngest.M365.Reports;
using CopilotIngest.Testing;

namespace CopilotIngest.M365.Tests.Reports;

/// <summary>Microsoft's published examples (tests/fixtures/vendor/graph) read to their documented values.</summary>
public sealed class OfficialExamplesTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task UserDetailCsv_V1Example_ConcealedUserWithEmptyDates()
    {
        var state = new ReportReadState();
        var user = Assert.Single(await ReportParsing.UsersFromCsvAsync(ReferenceFiles.ReadText("graph/copilot-usage-user-detail.example.csv"), state));

        Assert.Equal(D("2026-07-03"), user.ReportRefreshDate);
        Assert.Equal("E58EEF6A6BBD3D0293CB306D24A42057", user.UserPrincipalName);
        Assert.Equal("6A4630397AAA1A9C8EED362168DC88A0", user.DisplayName);
        Assert.Equal(7, user.ReportPeriodDays);
        Assert.Null(user.LastActivityDate);
        Assert.Equal(["copilot_chat", "excel", "loop", "onenote", "outlook", "powerpoint", "teams", "word"], user.AppLastActivity.Keys.Order());
        Assert.All(user.AppLastActivity.Values, Assert.Null);
        Assert.True(state.Complete);
    }

    [Fact]
    public void UserDetailJson_BetaExample_DatesAndEmptyStrings()
    {
        var user = Assert.Single(ReportParsing.UsersFromJson(ReferenceFiles.ReadText("graph/copilot-usage-user-detail.example.json")));

        Assert.Equal(D("2025-08-20"), user.ReportRefreshDate);
        Assert.Equal("DC8C64D6EC3A3AA17481D7E5EB5B68A6", user.UserPrincipalName);
        Assert.Equal(D("2025-08-20"), user.LastActivityDate);
        Assert.Equal(D("2025-08-16"), user.AppLastActivity["copilot_chat"]);
        Assert.Equal(D("2025-08-20"), user.AppLastActivity["teams"]);
        Assert.Equal(D("2025-08-06"), user.AppLastActivity["word"]);
        Assert.Equal(D("2025-03-26"), user.AppLastActivity["powerpoint"]);
        Assert.Null(user.AppLastActivity["excel"]);
        Assert.Null(user.AppLastActivity["outlook"]);
        Assert.Null(user.AppLastActivity["onenote"]);
        Assert.Null(user.AppLastActivity["loop"]);
        Assert.Equal(7, user.ReportPeriodDays);
    }

    [Fact]
    public void UserDetailJson_LegacyBetaExample_ReadsRowAndNextLink()
    {
        var state = new ReportReadState();
        var (rows, nextLink) = ReportParsing.JsonRows(ReferenceFiles.ReadText("graph/copilot-usage-user-detail.legacy-beta-reports.example.json"), CopilotReport.UsageUserDetail, state);
        var user = UserActivityReader.Read(Assert.Single(rows), state)!;

        Assert.Equal("https://graph.microsoft.com/beta/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')?$format=application/json&$skiptoken=MDoyOg", nextLink);
        Assert.Equal(D("2024-08-20"), user.ReportRefreshDate);
        Assert.Equal(D("2024-08-16"), user.AppLastActivity["copilot_chat"]);
        Assert.Equal(D("2024-03-26"), user.AppLastActivity["powerpoint"]);
        Assert.Equal(7, user.ReportPeriodDays);
    }

    [Fact]
    public async Task UserDetailCsv_LegacyBetaColumnOrder_ReadByHeaderName()
    {
        var header = ReferenceFiles.ReadText("graph/copilot-usage-user-detail.legacy-beta-reports.header.csv").TrimEnd();
        var row = "2024-08-20,7,adele@contoso.com,Adele Vance,2024-08-20,2024-08-19,2024-08-18,,2024-08-17,,,,2024-08-16";

        var user = Assert.Single(await ReportParsing.UsersFromCsvAsync(header + "\r\n" + row + "\r\n"));

        Assert.Equal(7, user.ReportPeriodDays);
        Assert.Equal("adele@contoso.com", user.UserPrincipalName);
        Assert.Equal(D("2024-08-19"), user.AppLastActivity["teams"]);
        Assert.Equal(D("2024-08-18"), user.AppLastActivity["word"]);
        Assert.Null(user.AppLastActivity["excel"]);
        Assert.Equal(D("2024-08-17"), user.AppLastActivity["powerpoint"]);
        Assert.Equal(D("2024-08-16"), user.AppLastActivity["copilot_chat"]);
    }

    [Fact]
    public async Task SummaryCsv_V1Example_TwentyFiveEnabledNoneActive()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync(ReferenceFiles.ReadText("graph/copilot-user-count-summary.example.csv"), CopilotReport.UserCountSummary, state);
        var summary = UserCountReader.ReadSummary(Assert.Single(rows), state)!;

        Assert.Equal(D("2026-07-03"), summary.ReportRefreshDate);
        Assert.Equal(7, summary.ReportPeriodDays);
        Assert.Equal(new AppUserCount(25, 0), summary.AnyApp);
        Assert.Equal(8, summary.Apps.Count);
        Assert.All(summary.Apps.Values, count => Assert.Equal(new AppUserCount(25, 0), count));
    }

    [Fact]
    public void SummaryJson_BetaExample_CountsPerApp()
    {
        var state = new ReportReadState();
        var summary = UserCountReader.ReadSummary(Assert.Single(ReportParsing.JsonRows(ReferenceFiles.ReadText("graph/copilot-user-count-summary.example.json"), CopilotReport.UserCountSummary, state).Rows), state)!;

        Assert.Equal(D("2025-08-20"), summary.ReportRefreshDate);
        Assert.Equal(7, summary.ReportPeriodDays);
        Assert.Equal(new AppUserCount(359229, 165115), summary.AnyApp);
        Assert.Equal(new AppUserCount(359096, 123341), summary.Apps["teams"]);
        Assert.Equal(new AppUserCount(359096, 21459), summary.Apps["word"]);
        Assert.Equal(new AppUserCount(359096, 8530), summary.Apps["powerpoint"]);
        Assert.Equal(new AppUserCount(359096, 37270), summary.Apps["outlook"]);
        Assert.Equal(new AppUserCount(359096, 6709), summary.Apps["excel"]);
        Assert.Equal(new AppUserCount(359096, 1660), summary.Apps["onenote"]);
        Assert.Equal(new AppUserCount(359096, 1345), summary.Apps["loop"]);
        Assert.Equal(new AppUserCount(359096, 65480), summary.Apps["copilot_chat"]);
    }

    [Fact]
    public async Task TrendCsv_V1Example_OneDay()
    {
        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync(ReferenceFiles.ReadText("graph/copilot-user-count-trend.example.csv"), CopilotReport.UserCountTrend, state);
        var day = UserCountReader.ReadTrend(Assert.Single(rows), state)!;

        Assert.Equal(D("2026-07-03"), day.ReportRefreshDate);
        Assert.Equal(D("2026-07-03"), day.ReportDate);
        Assert.Equal(7, day.ReportPeriodDays);
        Assert.Equal(new AppUserCount(25, 0), day.AnyApp);
        Assert.Equal(new AppUserCount(25, 0), day.Apps["copilot_chat"]);
    }

    [Theory]
    [InlineData("graph/copilot-user-count-trend.example.json", "2025-08-20", 357584, 94745, 72272, 26609)]
    [InlineData("graph/copilot-user-count-trend.legacy-beta-reports.example.json", "2024-06-26", 353910, 64283, 32629, 25942)]
    public void TrendJson_Examples_CountsOfTheDay(string file, string date, long anyEnabled, long anyActive, long teamsActive, long chatActive)
    {
        var state = new ReportReadState();
        var day = UserCountReader.ReadTrend(Assert.Single(ReportParsing.JsonRows(ReferenceFiles.ReadText(file), CopilotReport.UserCountTrend, state).Rows), state)!;

        Assert.Equal(D(date), day.ReportDate);
        Assert.Equal(D(date), day.ReportRefreshDate);
        Assert.Equal(7, day.ReportPeriodDays);
        Assert.Equal(new AppUserCount(anyEnabled, anyActive), day.AnyApp);
        Assert.Equal(teamsActive, day.Apps["teams"].Active);
        Assert.Equal(chatActive, day.Apps["copilot_chat"].Active);
    }

    [Fact]
    public async Task TrendCsv_LegacyBetaColumnOrder_ReadByHeaderName()
    {
        var header = ReferenceFiles.ReadText("graph/copilot-user-count-trend.legacy-beta-reports.header.csv").TrimEnd();
        var values = string.Join(',', Enumerable.Range(1, 18));

        var state = new ReportReadState();
        var rows = await ReportParsing.CsvRowsAsync($"{header}\n2024-06-26,7,2024-06-25,{values}\n", CopilotReport.UserCountTrend, state);
        var day = UserCountReader.ReadTrend(Assert.Single(rows), state)!;

        Assert.Equal(D("2024-06-25"), day.ReportDate);
        Assert.Equal(new AppUserCount(1, 2), day.AnyApp);
        Assert.Equal(new AppUserCount(3, 4), day.Apps["teams"]);
        Assert.Equal(new AppUserCount(17, 18), day.Apps["copilot_chat"]);
    }
}
