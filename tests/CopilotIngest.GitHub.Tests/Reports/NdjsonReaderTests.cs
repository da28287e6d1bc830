using System.Text;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Tests.Usage;

namespace CopilotIngest.GitHub.Tests.Reports;

/// <summary>The NDJSON reader meets malformed, truncated, empty, oversized and unexpected input and keeps every good line.</summary>
public sealed class NdjsonReaderTests
{
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<CopilotIngest.GitHub.Reports.Records.UserDayUsage> s_users = GitHubJsonContext.Default.UserDayUsage;

    [Fact]
    public async Task ReadAsync_OfficialUserExample_ReadsEveryDocumentedField()
    {
        var user = Assert.Single(await ReportFixtures.RecordsAsync("github/users-1-day.example.ndjson", s_users));

        Assert.Equal((new DateOnly(2025, 10, 1), 1L, "login1", "1"), (user.Day, user.UserId, user.UserLogin, user.EnterpriseId));
        Assert.Equal((1L, 1L, 10L, 8L, 0L), (user.CodeGenerationActivityCount, user.CodeAcceptanceActivityCount, user.LocSuggestedToAddSum, user.LocAddedSum, user.UserInitiatedInteractionCount));
        Assert.Equal((false, false, true), (user.UsedAgent, user.UsedChat, user.UsedCli));
        Assert.Equal("vscode", Assert.Single(user.TotalsByIde!)!.Ide);
        Assert.Equal(("unknown", "code_completion"), (Assert.Single(user.TotalsByLanguageFeature!)!.Language, user.TotalsByLanguageFeature![0]!.Feature));
        Assert.Equal((2L, 2L, 2L), (user.TotalsByCli!.SessionCount, user.TotalsByCli.RequestCount, user.TotalsByCli.PromptCount));
        Assert.Null(user.OrganizationId);
        Assert.Null(user.UsedCopilotCodeReviewActive);
    }

    [Fact]
    public async Task ReadAsync_OfficialUserTeamsExample_ReadsThreeMemberships()
    {
        var rows = await ReportFixtures.RecordsAsync("github/organization-user-teams-1-day.example.ndjson", GitHubJsonContext.Default.UserTeamMembership);

        Assert.Equal(3, rows.Count);
        Assert.Equal((1001L, "alice", "999", 42L, "frontend"), (rows[0].UserId, rows[0].UserLogin, rows[0].OrganizationId, rows[0].TeamId, rows[0].Slug));
        Assert.Equal(new DateOnly(2026, 5, 7), rows[2].Day);
    }

    [Fact]
    public async Task ReadAsync_MalformedLineInTheMiddle_ReportsItsNumberAndKeepsTheRest()
    {
        var text = "{\"user_login\":\"a\"}\n{\"user_login\": \"b\", \n{\"user_login\":\"c\"}\n";

        var lines = await ReportFixtures.LinesAsync(text, s_users);

        Assert.Equal(3, lines.Count);
        Assert.Equal(["a", "c"], lines.Where(l => l.Value is not null).Select(l => l.Value!.UserLogin));
        var bad = Assert.Single(lines, l => l.Problem is not null);
        Assert.Equal(2, bad.Number);
        Assert.StartsWith("not a valid record", bad.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("null", "JSON null")]
    [InlineData("\"text\"", "not a JSON object")]
    [InlineData("<html>proxy</html>", "not a JSON object")]
    [InlineData("{\"user_id\": \"abc\"}", "not a valid record")]
    [InlineData("{\"day\": \"2025-13-45\"}", "not a valid record")]
    [InlineData("{\"used_chat\": \"yes\"}", "not a valid record")]
    public async Task ReadAsync_UnexpectedLine_IsReportedWithoutItsContent(string line, string expected)
    {
        var reported = Assert.Single(await ReportFixtures.LinesAsync(line + "\n{\"user_login\":\"ok\"}", s_users), l => l.Problem is not null);

        Assert.Contains(expected, reported.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", reported.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy", reported.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedLastLine_IsReportedAndTheLinesBeforeKept()
    {
        var lines = await ReportFixtures.LinesAsync("{\"user_login\":\"a\"}\n{\"user_login\":\"b\",\"loc_add", s_users);

        Assert.Equal("a", lines[0].Value!.UserLogin);
        Assert.Equal(2, lines[1].Number);
        Assert.NotNull(lines[1].Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("\uFEFF")]
    public async Task ReadAsync_EmptyFile_GivesNoLines(string text)
    {
        Assert.Empty(await ReportFixtures.LinesAsync(text, s_users));
    }

    [Fact]
    public async Task ReadAsync_BomCrLfBlankLinesAndNoFinalNewline_AreAccepted()
    {
        var lines = await ReportFixtures.LinesAsync("\uFEFF{\"user_login\":\"a\"}\r\n\r\n  {\"user_login\":\"b\"}  \r\n{\"user_login\":\"c\"}", s_users);

        Assert.Equal(["a", "b", "c"], lines.Select(l => l.Value!.UserLogin));
        Assert.Equal([1L, 3L, 4L], lines.Select(l => l.Number));
    }

    [Fact]
    public async Task ReadAsync_UnknownFieldsIgnoredMissingFieldsNull()
    {
        var user = Assert.Single(await ReportFixtures.LinesAsync("{\"user_login\":\"a\",\"brand_new_field\":{\"x\":[1,2]},\"etl_id\":\"green\",\"ai_credits_used\":1.5}", s_users)).Value!;

        Assert.Equal("a", user.UserLogin);
        Assert.Null(user.Day);
        Assert.Null(user.CodeGenerationActivityCount);
        Assert.Null(user.TotalsByIde);
    }

    [Fact]
    public async Task ReadAsync_NumericIds_AreReadAsStrings()
    {
        var user = Assert.Single(await ReportFixtures.LinesAsync("{\"enterprise_id\":12,\"organization_id\":\"34\"}", s_users)).Value!;

        Assert.Equal(("12", "34"), (user.EnterpriseId, user.OrganizationId));
    }

    [Fact]
    public async Task ReadAsync_OversizedLine_IsSkippedWithoutBufferingItAndTheNextLineRead()
    {
        var huge = "{\"user_login\":\"" + new string('x', 300_000) + "\"}";
        var text = "{\"user_login\":\"a\"}\n" + huge + "\n{\"user_login\":\"b\"}\n" + huge;

        var lines = await ReportFixtures.LinesAsync(text, s_users, maxLineBytes: 4096);

        Assert.Equal(["a", null, "b", null], lines.Select(l => l.Value?.UserLogin));
        Assert.Equal([1L, 2L, 3L, 4L], lines.Select(l => l.Number));
        Assert.Contains("longer than 4096 bytes", lines[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LineExactlyAtTheLimit_IsRead()
    {
        var prefix = "{\"user_login\":\"";
        var line = prefix + new string('y', 1000 - prefix.Length - 2) + "\"}";
        Assert.Equal(1000, line.Length);

        var lines = await ReportFixtures.LinesAsync(line + "\n" + line, s_users, maxLineBytes: 1000);

        Assert.All(lines, l => Assert.Null(l.Problem));
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public async Task ReadAsync_StreamThatDeliversOneByteAtATime_ReadsEveryLine()
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => $"{{\"user_login\":\"u{i}\"}}\n"));
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text));

        var lines = await ReportFixtures.LinesAsync(stream, s_users);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"u{i}"), lines.Select(l => l.Value!.UserLogin));
    }

    [Fact]
    public async Task ReadAsync_ManyLines_NeedsNoMoreThanOneLineOfBuffer()
    {
        var line = "{\"user_login\":\"" + new string('z', 2000) + "\"}\n";
        var text = string.Concat(Enumerable.Repeat(line, 2000));

        var lines = await ReportFixtures.LinesAsync(text, s_users, maxLineBytes: 4096);

        Assert.Equal(2000, lines.Count(l => l.Value is not null));
    }

    /// <summary>A stream that returns one byte per read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
