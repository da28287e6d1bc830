using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.Testing;

namespace CopilotIngest.GitHub.Tests.Seats;

/// <summary><c>configs/blueprints/github_copilot_seats.json</c> agrees with what the mapper writes.</summary>
public sealed class BlueprintTests
{
    private static readonly JsonObject s_blueprint = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo("configs/blueprints/github_copilot_seats.json")))!.AsObject();

    private static JsonObject Properties => s_blueprint["schema"]!["properties"]!.AsObject();

    [Fact]
    public void Blueprint_IdentifierTitleAndDescription_AreWithinPortLimits()
    {
        Assert.Equal(SeatsEntityMapper.Blueprint, (string)s_blueprint["identifier"]!);
        Assert.InRange(((string)s_blueprint["title"]!).Length, 1, 100);
        Assert.InRange(((string)s_blueprint["description"]!).Length, 1, 200);
    }

    [Fact]
    public void Blueprint_EveryProperty_HasTitleTypeAndDescription()
    {
        foreach (var (name, node) in Properties)
        {
            Assert.Matches("^[A-Za-z0-9@_=\\-]+$", name);
            Assert.False(string.IsNullOrWhiteSpace((string?)node!["title"]), name);
            Assert.False(string.IsNullOrWhiteSpace((string?)node["description"]), name);
            Assert.Contains((string)node["type"]!, new[] { "string", "number", "boolean", "object", "array" });
        }
    }

    [Fact]
    public void Blueprint_SettingEnums_MatchTheMapper()
    {
        foreach (var (name, values) in SeatsEntityMapper.SettingValues)
        {
            Assert.Equal(values, Properties[name]!["enum"]!.AsArray().Select(v => (string)v!));
        }
    }

    [Theory]
    [InlineData(SeatScopeType.Organization)]
    [InlineData(SeatScopeType.Enterprise)]
    public void Map_EveryWrittenProperty_ExistsInTheBlueprintWithItsType(SeatScopeType type)
    {
        var billing = new OrganizationBilling(new SeatBreakdown(3, 1, 0, 1, 2, 1), "assign_all", "allow", "enabled", "disabled", "unconfigured", "enterprise");
        var counts = new SeatCounts(4, 3, 2, 1, 0, 1, 30, new Dictionary<string, int> { ["enterprise"] = 3 });
        var snapshot = new SeatSnapshot(new SeatScope(type, "acme"), new DateOnly(2026, 11, 25), 3, type == SeatScopeType.Organization ? billing : null, counts, new CopilotIngest.Core.Pricing.LicenceCost(97m, 39m, 19m, 2, "USD"));

        var entity = SeatsEntityMapper.Map(snapshot);

        Assert.True(PortIdentifier.IsValid(entity.Identifier));
        foreach (var required in s_blueprint["schema"]!["required"]!.AsArray())
        {
            Assert.True(entity.Properties.ContainsKey((string)required!), (string?)required);
        }

        foreach (var (name, value) in entity.Properties)
        {
            var property = Properties[name];
            Assert.True(property is not null, $"{name} is not in the blueprint");
            var expectedType = value!.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.Number => "number",
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Object => "object",
                var other => other.ToString(),
            };
            Assert.Equal(expectedType, (string)property!["type"]!);
            if (property["enum"] is JsonArray allowed)
            {
                Assert.Contains((string)value!, allowed.Select(a => (string)a!));
            }
        }
    }
}
