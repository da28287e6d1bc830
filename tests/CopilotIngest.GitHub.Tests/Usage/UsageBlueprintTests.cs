using CopilotIngest.Core.Sinks;
using System.Text.Json.Nodes;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.Testing;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary><c>configs/blueprints/github_copilot_usage.json</c>: a superset of Port's own organization-usage blueprint that accepts what the mapper writes.</summary>
public sealed class UsageBlueprintTests
{
    private static readonly BlueprintFile s_blueprint = BlueprintFile.Load(UsageEntityMapper.Blueprint);

    [Fact]
    public void Blueprint_IsWellFormed() => s_blueprint.AssertWellFormed(UsageEntityMapper.Blueprint);

    [Fact]
    public void Blueprint_HasEveryPropertyOfPortsOrganizationUsageBlueprintWithTheSameType()
    {
        var port = JsonNode.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-blueprints.json"))!.AsArray()
            .Single(b => (string?)b!["identifier"] == "githubCopilotOrganizationUsage")!;

        foreach (var (name, definition) in port["schema"]!["properties"]!.AsObject())
        {
            Assert.True(s_blueprint.Properties.ContainsKey(name), name);
            Assert.Equal((string?)definition!["type"], (string?)s_blueprint.Properties[name]!["type"]);
            Assert.Equal((string?)definition["format"], (string?)s_blueprint.Properties[name]!["format"]);
        }

        Assert.Equal("number", (string?)s_blueprint.Json["calculationProperties"]!["acceptance_rate"]!["type"]);
    }

    [Fact]
    public void Blueprint_DeclaresEveryPropertyTheMapperCanWrite()
    {
        foreach (var (name, _) in UsageEntityMapper.RecordProperties)
        {
            Assert.True(s_blueprint.Properties.ContainsKey(name), name);
        }

        Assert.Equal(
            UsageEntityMapper.RecordProperties.Select(p => p.Name).Concat(ExtraProperties.Scope.Select(p => p.Name)).Concat(["scope_type", "scope", "record_date", "git_hub_org", UsageEntityMapper.AiCreditsUsed, UsageEntityMapper.AiCreditsUsers, HeldEntities.ContentHashProperty]).Order(StringComparer.Ordinal),
            s_blueprint.Properties.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(SeatScopeType.Organization)]
    [InlineData(SeatScopeType.Enterprise)]
    public async Task Map_OfficialExamples_AreAcceptedByTheBlueprint(SeatScopeType type)
    {
        var lines = await ReportFixtures.RecordsAsync("github/enterprise-28-day.example.ndjson", GitHubJsonContext.Default.UsageDayTotals);

        foreach (var day in lines.SelectMany(l => l.DayTotals!))
        {
            s_blueprint.AssertAccepts(UsageEntityMapper.Map(new SeatScope(type, "acme"), day!));
        }
    }

    [Theory]
    [InlineData(3, 2, "67")]
    [InlineData(0, 0, "0")]
    [InlineData(4, 4, "100")]
    public async Task AcceptanceRate_CalculatedWithJq_IsAcceptancesOverGenerationsInPercent(long generations, long acceptances, string expected)
    {
        var calculation = (string)s_blueprint.Json["calculationProperties"]!["acceptance_rate"]!["calculation"]!;
        var entity = new JsonObject { ["properties"] = new JsonObject { ["code_generation_activity_count"] = generations, ["code_acceptance_activity_count"] = acceptances } };

        Assert.Equal(expected, (await Jq.RunAsync(calculation, entity.ToJsonString())).Trim());
    }

    [Fact]
    public async Task AcceptanceRate_MissingCounts_IsZeroNotAnError()
    {
        var calculation = (string)s_blueprint.Json["calculationProperties"]!["acceptance_rate"]!["calculation"]!;

        Assert.Equal("0", (await Jq.RunAsync(calculation, """{"properties":{}}""")).Trim());
    }
}
