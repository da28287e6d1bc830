using System.Text.Json.Nodes;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Usage;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary>The official examples mapped to hand-computed values, and the edge cases of the derived properties.</summary>
public sealed class UsageEntityMapperTests
{
    private static readonly SeatScope s_enterprise = SeatScope.Enterprise("acme");
    private static readonly SeatScope s_org = SeatScope.Organization("acme-web");

    [Fact]
    public async Task Map_OfficialEnterpriseExampleLine1_GivesTheDocumentedValues()
    {
        var day = (await Example())[0];

        var entity = UsageEntityMapper.Map(s_enterprise, day);

        Assert.Equal(("github_copilot_usage", "enterprise:acme@2025-10-01", "Enterprise acme Copilot usage 2025-10-01"), (entity.Blueprint, entity.Identifier, entity.Title));
        var expected = new Dictionary<string, object>
        {
            ["scope_type"] = "enterprise", ["scope"] = "acme", ["record_date"] = "2025-10-01T00:00:00Z",
            ["daily_active_users"] = 2L, ["weekly_active_users"] = 2L, ["monthly_active_users"] = 2L,
            ["monthly_active_chat_users"] = 0L, ["monthly_active_agent_users"] = 0L,
            ["user_initiated_interaction_count"] = 0L, ["code_generation_activity_count"] = 2L, ["code_acceptance_activity_count"] = 2L,
            ["loc_suggested_to_add_sum"] = 35L, ["loc_suggested_to_delete_sum"] = 0L, ["loc_added_sum"] = 30L, ["loc_deleted_sum"] = 0L,
            ["editor_top"] = "vscode", ["language_top"] = "unknown",
            ["chat_interactions"] = 0L, ["chat_code_generation_activity_count"] = 0L, ["chat_code_acceptance_activity_count"] = 0L, ["agent_interactions"] = 0L,
            ["daily_active_cli_users"] = 2L, ["cli_session_count"] = 3L, ["cli_request_count"] = 3L, ["cli_prompt_count"] = 3L,
            ["prs_created"] = 2L, ["prs_reviewed"] = 1L, ["prs_merged"] = 2L,
            ["prs_created_by_copilot"] = 1L, ["prs_reviewed_by_copilot"] = 1L, ["prs_merged_by_copilot"] = 1L, ["prs_merged_reviewed_by_copilot"] = 1L,
            ["median_minutes_to_merge"] = 2.5, ["median_minutes_to_merge_copilot_authored"] = 2.5, ["median_minutes_to_merge_copilot_reviewed"] = 2.5,
            ["pr_review_suggestions"] = 1L, ["pr_review_applied_suggestions"] = 1L, ["total_copilot_suggestions"] = 1L, ["total_copilot_applied_suggestions"] = 1L,
        };
        AssertProperties(expected, entity.Properties);
    }

    [Fact]
    public async Task Map_OfficialEnterpriseExampleLine2_LeavesOutWhatGitHubLeftOut()
    {
        var day = (await Example())[1];

        var entity = UsageEntityMapper.Map(s_org, day);

        var p = entity.Properties;
        Assert.Equal(("acme-web@2025-10-01", "acme-web Copilot usage 2025-10-01"), (entity.Identifier, entity.Title));
        Assert.Equal(("org", "acme-web"), ((string?)p["scope_type"], (string?)p["git_hub_org"]));
        Assert.Equal((2L, 1L, 40L, 38L), ((long)p["code_generation_activity_count"]!, (long)p["code_acceptance_activity_count"]!, (long)p["loc_suggested_to_add_sum"]!, (long)p["loc_added_sum"]!));
        Assert.Equal((1L, 1L, 0L, 0L, 0L), ((long)p["prs_created"]!, (long)p["prs_reviewed"]!, (long)p["prs_merged"]!, (long)p["prs_created_by_copilot"]!, (long)p["total_copilot_applied_suggestions"]!));
        foreach (var absent in new[] { "daily_active_cli_users", "cli_session_count", "median_minutes_to_merge", "median_minutes_to_merge_copilot_authored", "daily_active_copilot_code_review_users", "monthly_active_copilot_cloud_agent_users", "acceptance_rate" })
        {
            Assert.False(p.ContainsKey(absent), absent);
        }
    }

    [Fact]
    public void Map_OnlyTheDay_WritesScopeAndDateAndNothingElse()
    {
        var entity = UsageEntityMapper.Map(s_org, new UsageDayTotals { Day = new DateOnly(2026, 1, 2) });

        Assert.Equal(["scope_type", "scope", "record_date", "git_hub_org"], entity.Properties.Select(p => p.Key));
    }

    [Fact]
    public void Map_WithoutDay_Throws()
    {
        Assert.Throws<ArgumentException>(() => UsageEntityMapper.Map(s_org, new UsageDayTotals()));
    }

    [Fact]
    public async Task Map_ChatAndAgentFeatures_AreSummedByName()
    {
        var day = await One("""
            {"day":"2026-05-07","totals_by_feature":[
              {"feature":"code_completion","user_initiated_interaction_count":0,"code_generation_activity_count":10,"code_acceptance_activity_count":4},
              {"feature":"chat_panel_ask_mode","user_initiated_interaction_count":7,"code_generation_activity_count":3,"code_acceptance_activity_count":1},
              {"feature":"chat_panel_agent_mode","user_initiated_interaction_count":5,"code_generation_activity_count":2},
              {"feature":"agent_edit","user_initiated_interaction_count":2,"code_generation_activity_count":9,"code_acceptance_activity_count":9},
              null,
              {"user_initiated_interaction_count":100}
            ]}
            """);

        var p = UsageEntityMapper.Map(s_org, day).Properties;

        Assert.Equal((12L, 5L, 1L, 7L), ((long)p["chat_interactions"]!, (long)p["chat_code_generation_activity_count"]!, (long)p["chat_code_acceptance_activity_count"]!, (long)p["agent_interactions"]!));
    }

    [Fact]
    public async Task Map_TopEditorAndLanguage_TakeTheMostGenerationsWithTiesAlphabetical()
    {
        var day = await One("""
            {"day":"2026-05-07",
             "totals_by_ide":[{"ide":"vscode","code_generation_activity_count":5},{"ide":"intellij","code_generation_activity_count":5},{"ide":"xcode","code_generation_activity_count":1},{"code_generation_activity_count":99}],
             "totals_by_language_feature":[
               {"language":"python","feature":"code_completion","code_generation_activity_count":3},
               {"language":"go","feature":"code_completion","code_generation_activity_count":4},
               {"language":"python","feature":"chat_panel_ask_mode","code_generation_activity_count":2}]}
            """);

        var p = UsageEntityMapper.Map(s_org, day).Properties;

        Assert.Equal(("intellij", "python"), ((string?)p["editor_top"], (string?)p["language_top"]));
    }

    [Fact]
    public async Task Map_BreakdownsWithoutGeneratedCode_HaveNoTopEditorOrLanguage()
    {
        var day = await One("""{"day":"2026-05-07","totals_by_ide":[{"ide":"vscode","code_generation_activity_count":0}],"totals_by_language_feature":[],"totals_by_feature":[]}""");

        var p = UsageEntityMapper.Map(s_org, day).Properties;

        Assert.False(p.ContainsKey("editor_top"));
        Assert.False(p.ContainsKey("language_top"));
        Assert.Equal(0L, (long)p["chat_interactions"]!);
    }

    [Fact]
    public void Identifier_AndDayOf_RoundTripAndRejectOtherScopes()
    {
        var day = new DateOnly(2026, 11, 23);

        Assert.Equal("acme-web@2026-11-23", UsageEntityMapper.Identifier(s_org, day));
        Assert.Equal(day, UsageEntityMapper.DayOf(s_org, "acme-web@2026-11-23"));
        Assert.Equal(day, UsageEntityMapper.DayOf(s_enterprise, "enterprise:acme@2026-11-23"));
        Assert.Null(UsageEntityMapper.DayOf(s_org, "acme-web-2@2026-11-23"));
        Assert.Null(UsageEntityMapper.DayOf(s_org, "acme-web@frontend@2026-11-23"));
        Assert.Null(UsageEntityMapper.DayOf(s_org, "acme-web@2026-13-01"));
    }

    [Fact]
    public void DayTotalsPick_WrapperLine_TakesTheRequestedDayAndCountsTheRest()
    {
        var pick = new DayTotalsPick(new DateOnly(2026, 5, 7));
        pick.Add(new UsageDayTotals
        {
            DayTotals = [new UsageDayTotals { Day = new DateOnly(2026, 5, 6), DailyActiveUsers = 1 }, null, new UsageDayTotals { Day = new DateOnly(2026, 5, 7), DailyActiveUsers = 2 }],
        });
        pick.Add(new UsageDayTotals { DailyActiveUsers = 3 });

        Assert.Equal(2, pick.Totals!.DailyActiveUsers);
        Assert.Null(pick.Totals.DayTotals);
        Assert.Equal((1, 1), (pick.OtherDays, pick.Duplicates));
    }

    [Fact]
    public void DayTotalsPick_FlatLineWithoutDay_IsTheRequestedDay()
    {
        var pick = new DayTotalsPick(new DateOnly(2026, 5, 7));

        pick.Add(new UsageDayTotals { DailyActiveUsers = 4 });

        Assert.Equal(new DateOnly(2026, 5, 7), pick.Totals!.Day);
    }

    [Fact]
    public void DayRanges_Format_JoinsConsecutiveDays()
    {
        DateOnly D(int day) => new(2026, 10, day);

        Assert.Equal("2026-10-01..2026-10-03, 2026-10-05, 2026-10-07..2026-10-08", DayRanges.Format([D(8), D(1), D(2), D(3), D(5), D(7), D(2)]));
        Assert.Equal(string.Empty, DayRanges.Format([]));
    }

    private static async Task<List<UsageDayTotals>> Example()
    {
        var lines = await ReportFixtures.RecordsAsync("github/enterprise-28-day.example.ndjson", GitHubJsonContext.Default.UsageDayTotals);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal((new DateOnly(2025, 9, 4), new DateOnly(2025, 10, 1)), (l.ReportStartDay, l.ReportEndDay)));
        return [.. lines.Select(l => Assert.Single(l.DayTotals!)!)];
    }

    private static async Task<UsageDayTotals> One(string json) =>
        Assert.Single(await ReportFixtures.LinesAsync(json.ReplaceLineEndings(" "), GitHubJsonContext.Default.UsageDayTotals)).Value!;

    private static void AssertProperties(Dictionary<string, object> expected, JsonObject actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            var node = actual[name]!;
            object got = value switch
            {
                string => (string)node!,
                long => (long)node!,
                double => (double)node!,
                _ => throw new InvalidOperationException(name),
            };
            Assert.True(Equals(value, got), $"{name}: expected {value}, got {got}");
        }
    }
}
