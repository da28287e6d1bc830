using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Tests.Usage;
using CopilotIngest.GitHub.Usage;

namespace CopilotIngest.GitHub.Tests.Reports;

/// <summary>
/// The fields GitHub added to the usage reports in 2026, read tolerantly: the example lines built from GitHub's
/// changelog posts, null or absent as no data, empty or zero as no activity, and unexpected shapes as problems that
/// leave the rest of the line intact.
/// </summary>
public sealed class ReportExtrasTests
{
    private static readonly SeatScope s_enterprise = SeatScope.Enterprise("acme");

    public static TheoryData<string> ScopeFields => new()
    {
        "totals_by_3rd_party_agent", "totals_by_skill", "totals_by_custom_agent", "totals_by_mcp", "totals_by_slash_cmd", "totals_by_plugin",
        "distinct_skill_use_count", "distinct_custom_agent_use_count", "distinct_mcp_use_count", "distinct_slash_cmd_use_count", "distinct_plugin_use_count",
        "totals_by_copilot_app", "totals_by_ai_adoption_phase",
    };

    [Fact]
    public async Task Read_UserExampleLine_ReadsEveryNewField()
    {
        var line = Assert.Single(await ReportFixtures.RecordsAsync("github/users-1-day-2026-fields.example.ndjson", GitHubJsonContext.Default.UserDayUsage));
        var problems = new FieldProblems();

        var extras = ReportExtras.Read(line, problems);

        Assert.True(problems.IsEmpty);
        Assert.Equal(new Dictionary<string, ThirdPartyAgentTotals> { ["1001"] = new("Claude", 3, null), ["1002"] = new("Codex", 2, null) }, extras.ThirdPartyAgents);
        Assert.Equal(new Dictionary<string, long> { ["other"] = 5 }, extras.Skills);
        Assert.Equal(new Dictionary<string, long> { ["other"] = 1 }, extras.CustomAgents);
        Assert.Equal(new Dictionary<string, long> { ["github"] = 2, ["other"] = 3 }, extras.McpServers);
        Assert.Equal(new Dictionary<string, long> { ["/plan"] = 3, ["custom"] = 1 }, extras.SlashCommands);
        Assert.Empty(extras.Plugins!);
        Assert.Equal((2L, 1L, 2L, 3L, 0L), (extras.DistinctSkills, extras.DistinctCustomAgents, extras.DistinctMcpServers, extras.DistinctSlashCommands, extras.DistinctPlugins));
        Assert.Equal(new CopilotAppTotals(2, 5, 6), extras.CopilotApp);
        Assert.Equal(new AdoptionPhase(2, "adopting"), extras.AdoptionPhase);
        Assert.True(extras.UsedCloudAgent);
        Assert.Equal(4, line.UserInitiatedInteractionCount);
    }

    [Fact]
    public async Task Map_EnterpriseExampleLine_WritesSmallObjectsAndCountsAndNeverAddsNestedCountsToTopLevelOnes()
    {
        var line = Assert.Single(await ReportFixtures.RecordsAsync("github/enterprise-1-day-2026-fields.example.ndjson", GitHubJsonContext.Default.UsageDayTotals));
        var problems = new FieldProblems();

        var p = UsageEntityMapper.Map(s_enterprise, line, problems).Properties;

        Assert.True(problems.IsEmpty);
        Assert.Equal(
            """{"1001":{"name":"Claude","interactions":6,"sessions":2},"1002":{"name":"Codex","interactions":2,"sessions":1}}""",
            p["third_party_agents"]!.ToJsonString());
        Assert.Equal("""{"other":9,"pdf":1}""", p["cli_skill_interactions"]!.ToJsonString());
        Assert.Equal("{}", p["cli_custom_agent_interactions"]!.ToJsonString());
        Assert.Equal("""{"github":4}""", p["cli_mcp_interactions"]!.ToJsonString());
        Assert.Equal("""{"/plan":5,"custom":2}""", p["cli_slash_cmd_interactions"]!.ToJsonString());
        Assert.Equal("""{"other":1}""", p["cli_plugin_interactions"]!.ToJsonString());
        Assert.Equal((4L, 0L, 1L, 3L, 1L), ((long)p["distinct_skill_use_count"]!, (long)p["distinct_custom_agent_use_count"]!, (long)p["distinct_mcp_use_count"]!, (long)p["distinct_slash_cmd_use_count"]!, (long)p["distinct_plugin_use_count"]!));
        Assert.Equal((3L, 8L, 9L), ((long)p["copilot_app_session_count"]!, (long)p["copilot_app_request_count"]!, (long)p["copilot_app_prompt_count"]!));
        Assert.Equal("""{"adopting":1,"exploring":1}""", p["users_by_ai_adoption_phase"]!.ToJsonString());
        Assert.Equal(7, (long)p["user_initiated_interaction_count"]!);
        BlueprintFile.Load(UsageEntityMapper.Blueprint).AssertAccepts(UsageEntityMapper.Map(s_enterprise, line));
    }

    [Theory]
    [MemberData(nameof(ScopeFields))]
    public void Map_FieldNullOrAbsent_LeavesThePropertyOut(string field)
    {
        foreach (var json in new[] { $$"""{"day":"2026-09-18","daily_active_users":3,"{{field}}":null}""", """{"day":"2026-09-18","daily_active_users":3}""" })
        {
            var problems = new FieldProblems();

            var p = UsageEntityMapper.Map(s_enterprise, Parse(json), problems).Properties;

            Assert.True(problems.IsEmpty);
            Assert.Equal(3, (long)p["daily_active_users"]!);
            Assert.DoesNotContain(p, kv => ExtraProperties.Scope.Any(e => e.Name == kv.Key));
        }
    }

    [Theory]
    [InlineData("totals_by_3rd_party_agent", "[]", "third_party_agents", "{}")]
    [InlineData("totals_by_skill", "[]", "cli_skill_interactions", "{}")]
    [InlineData("totals_by_custom_agent", "[]", "cli_custom_agent_interactions", "{}")]
    [InlineData("totals_by_mcp", "[]", "cli_mcp_interactions", "{}")]
    [InlineData("totals_by_slash_cmd", "[]", "cli_slash_cmd_interactions", "{}")]
    [InlineData("totals_by_plugin", "[]", "cli_plugin_interactions", "{}")]
    [InlineData("distinct_skill_use_count", "0", "distinct_skill_use_count", "0")]
    [InlineData("distinct_custom_agent_use_count", "0", "distinct_custom_agent_use_count", "0")]
    [InlineData("distinct_mcp_use_count", "0", "distinct_mcp_use_count", "0")]
    [InlineData("distinct_slash_cmd_use_count", "0", "distinct_slash_cmd_use_count", "0")]
    [InlineData("distinct_plugin_use_count", "0", "distinct_plugin_use_count", "0")]
    [InlineData("totals_by_copilot_app", """{"session_count":0,"request_count":0,"prompt_count":0}""", "copilot_app_session_count", "0")]
    [InlineData("totals_by_ai_adoption_phase", "[]", "users_by_ai_adoption_phase", "{}")]
    public void Map_EmptyArrayOrZero_IsNoActivityNotNoData(string field, string value, string property, string expected)
    {
        var problems = new FieldProblems();

        var p = UsageEntityMapper.Map(s_enterprise, Parse($$"""{"day":"2026-09-18","{{field}}":{{value}}}"""), problems).Properties;

        Assert.True(problems.IsEmpty);
        Assert.Equal(expected, p[property]!.ToJsonString());
    }

    [Theory]
    [InlineData("totals_by_3rd_party_agent", "{\"agent_id\":\"1001\"}", "third_party_agents")]
    [InlineData("totals_by_skill", "\"other\"", "cli_skill_interactions")]
    [InlineData("totals_by_custom_agent", "{\"other\":1}", "cli_custom_agent_interactions")]
    [InlineData("totals_by_mcp", "42", "cli_mcp_interactions")]
    [InlineData("totals_by_slash_cmd", "true", "cli_slash_cmd_interactions")]
    [InlineData("totals_by_plugin", "\"[]\"", "cli_plugin_interactions")]
    [InlineData("distinct_skill_use_count", "\"3\"", "distinct_skill_use_count")]
    [InlineData("distinct_custom_agent_use_count", "1.5", "distinct_custom_agent_use_count")]
    [InlineData("distinct_mcp_use_count", "-1", "distinct_mcp_use_count")]
    [InlineData("distinct_slash_cmd_use_count", "[]", "distinct_slash_cmd_use_count")]
    [InlineData("distinct_plugin_use_count", "{}", "distinct_plugin_use_count")]
    [InlineData("totals_by_copilot_app", "[1,2]", "copilot_app_session_count")]
    [InlineData("totals_by_ai_adoption_phase", "{\"phase\":\"adopting\"}", "users_by_ai_adoption_phase")]
    public async Task Map_UnexpectedShape_IsAProblemAndTheOtherFieldsStillLand(string field, string value, string property)
    {
        var others = new List<string> { "\"daily_active_users\":3", "\"brand_new_field\":{\"x\":1}" };
        if (field != "totals_by_skill")
        {
            others.Add("\"totals_by_skill\":[{\"skill\":\"other\",\"interaction_count\":2}]");
        }

        if (field != "distinct_plugin_use_count")
        {
            others.Add("\"distinct_plugin_use_count\":1");
        }

        var json = $$"""{"day":"2026-09-18",{{string.Join(',', others)}},"{{field}}":{{value}}}""";
        var line = Assert.Single(await ReportFixtures.LinesAsync(json, GitHubJsonContext.Default.UsageDayTotals));
        Assert.Null(line.Problem);
        var problems = new FieldProblems();

        var p = UsageEntityMapper.Map(s_enterprise, line.Value!, problems).Properties;

        Assert.Equal(1, problems.Count(field));
        Assert.False(p.ContainsKey(property));
        Assert.Equal(3, (long)p["daily_active_users"]!);
        Assert.Contains($"{field} had an unexpected shape 1 time(s)", Assert.Single(problems.Describe("acme usage")), StringComparison.Ordinal);
        if (field != "totals_by_skill")
        {
            Assert.Equal("""{"other":2}""", p["cli_skill_interactions"]!.ToJsonString());
        }

        if (field != "distinct_plugin_use_count")
        {
            Assert.Equal(1, (long)p["distinct_plugin_use_count"]!);
        }
    }

    [Fact]
    public void Read_BadEntriesInAnArray_AreSkippedAndCountedWhileGoodOnesAndRepeatsAreKept()
    {
        var record = Parse("""
            {"day":"2026-09-18",
             "totals_by_3rd_party_agent":[{"agent_id":1001,"agent_name":"Claude","user_initiated_interaction_count":2,"session_count":1},{"agent_name":"no id"},null,{"agent_id":"1001","user_initiated_interaction_count":3},{"agent_id":"1003","user_initiated_interaction_count":"many"}],
             "totals_by_mcp":[{"mcp":"github","interaction_count":1},{"mcp":"github","interaction_count":2},{"mcp":"","interaction_count":1},{"interaction_count":4},"github"]}
            """);
        var problems = new FieldProblems();

        var extras = ReportExtras.Read(record, problems);

        Assert.Equal(new Dictionary<string, ThirdPartyAgentTotals> { ["1001"] = new("Claude", 5, 1), ["1003"] = new(null, null, null) }, extras.ThirdPartyAgents);
        Assert.Equal(new Dictionary<string, long> { ["github"] = 3 }, extras.McpServers);
        Assert.Equal(3, problems.Count("totals_by_3rd_party_agent"));
        Assert.Equal(3, problems.Count("totals_by_mcp"));
    }

    [Theory]
    [InlineData("""{"used_copilot_cloud_agent":true}""", true)]
    [InlineData("""{"used_copilot_cloud_agent":false}""", false)]
    [InlineData("""{"used_copilot_coding_agent":true}""", true)]
    [InlineData("""{"used_copilot_cloud_agent":false,"used_copilot_coding_agent":true}""", true)]
    [InlineData("""{"used_copilot_cloud_agent":null}""", null)]
    [InlineData("""{}""", null)]
    public void Read_CloudAgentFlag_UnderEitherNameNullWhenNeitherWasSent(string json, bool? expected)
    {
        var problems = new FieldProblems();

        var extras = ReportExtras.Read(JsonSerializer.Deserialize(json, GitHubJsonContext.Default.UserDayUsage)!, problems);

        Assert.Equal(expected, extras.UsedCloudAgent);
        Assert.True(problems.IsEmpty);
    }

    [Theory]
    [InlineData("""{"used_copilot_cloud_agent":"yes","user_login":"mona"}""", "used_copilot_cloud_agent")]
    [InlineData("""{"ai_adoption_phase":"adopting","user_login":"mona"}""", "ai_adoption_phase")]
    [InlineData("""{"ai_adoption_phase":{"phase_number":"two"},"user_login":"mona"}""", "ai_adoption_phase")]
    public void Read_UnexpectedUserField_IsAProblemAndTheLineStillReads(string json, string field)
    {
        var problems = new FieldProblems();
        var line = JsonSerializer.Deserialize(json, GitHubJsonContext.Default.UserDayUsage)!;

        var extras = ReportExtras.Read(line, problems);

        Assert.Equal("mona", line.UserLogin);
        Assert.Equal(1, problems.Count(field));
        Assert.Null(extras.UsedCloudAgent);
    }

    private static UsageDayTotals Parse(string json) => JsonSerializer.Deserialize(json, GitHubJsonContext.Default.UsageDayTotals)!;
}
