using System.Text.Json.Nodes;
using CopilotIngest.Core.Privacy;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.Testing;

namespace CopilotIngest.M365.Tests.Blueprints;

/// <summary>The blueprint files describe every property the mappers write, with the right type.</summary>
public sealed class BlueprintFileTests
{
    private static readonly DateOnly s_day = new(2026, 11, 22);

    private static JsonObject Blueprint(string identifier) =>
        JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo($"configs/blueprints/{identifier}.json")))!.AsObject();

    private static Dictionary<string, AppUserCount> AllApps() =>
        CopilotApp.All.Where(a => a.CountPrefix is not null).ToDictionary(a => a.Key, _ => new AppUserCount(5, 3));

    public static TheoryData<string> Identifiers => [.. M365Blueprints.All];

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void BlueprintFile_EveryPropertyHasTitleTypeAndDescription(string identifier)
    {
        var blueprint = Blueprint(identifier);

        Assert.Equal(identifier, (string)blueprint["identifier"]!);
        Assert.InRange(((string)blueprint["description"]!).Length, 1, 200);
        var properties = blueprint["schema"]!["properties"]!.AsObject();
        Assert.All(properties, p =>
        {
            Assert.Matches("^[A-Za-z0-9@_=\\-]+$", p.Key);
            Assert.False(string.IsNullOrWhiteSpace((string?)p.Value!["title"]), p.Key);
            Assert.False(string.IsNullOrWhiteSpace((string?)p.Value!["description"]), p.Key);
            Assert.Contains((string)p.Value!["type"]!, new[] { "string", "number", "boolean", "array", "object" });
        });
        Assert.All(blueprint["schema"]!["required"]!.AsArray(), r => Assert.True(properties.ContainsKey((string)r!)));
    }

    [Fact]
    public void Mappers_EveryPropertyWrittenIsDeclaredWithItsType()
    {
        var user = new UserActivityRecord(s_day, "a@contoso.com", "A", 7, s_day, CopilotApp.All.Where(a => a.ActivityColumn is not null).ToDictionary(a => a.Key, _ => (DateOnly?)s_day), new UserPromptCounts(1, 2, 3, 4));
        var entities = new[]
        {
            SummaryMapper.Map(new UserCountSummaryRecord(s_day, 7, new AppUserCount(5, 3), AllApps(), 10, 2.5), new Tenant.TenantContext("contoso", "Contoso", null), ReportPeriod.D7, v2: true, new CopilotLicences(6, 5, 1, ["Microsoft_365_Copilot"]), new CopilotIngest.Core.Pricing.LicencePrices()),
            UserMapper.Map(user, UserIdentity.Resolve(user.UserPrincipalName, user.DisplayName, s_day, "contoso", Pseudonymizer.Plain), "contoso", ReportPeriod.D7, v2: true, relatePortUser: true),
            TrendMapper.Map(new UserCountTrendRecord(s_day, s_day, 7, new AppUserCount(5, 3), AllApps(), 10), new Tenant.TenantContext("contoso", "Contoso", null), v2: true),
        };

        foreach (var entity in entities)
        {
            var blueprint = Blueprint(entity.Blueprint);
            var declared = blueprint["schema"]!["properties"]!.AsObject();
            foreach (var (name, value) in entity.Properties)
            {
                Assert.True(declared.ContainsKey(name), $"{entity.Blueprint}.{name} is not in the blueprint");
                var type = (string)declared[name]!["type"]!;
                var actual = value!.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.String => "string",
                    System.Text.Json.JsonValueKind.Number => "number",
                    System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
                    System.Text.Json.JsonValueKind.Array => "array",
                    var other => other.ToString(),
                };
                Assert.True(type == actual, $"{entity.Blueprint}.{name} is {actual} but declared {type}");
                if ((string?)declared[name]!["format"] == "date-time")
                {
                    Assert.Matches(@"^\d{4}-\d{2}-\d{2}T00:00:00Z$", (string)value!);
                }
            }

            foreach (var (relation, _) in entity.Relations ?? [])
            {
                Assert.True(blueprint["relations"]!.AsObject().ContainsKey(relation), relation);
            }
        }
    }

    [Fact]
    public void UserBlueprint_PortUserRelation_TargetsBuiltInUsersOptionally()
    {
        var relation = Blueprint(M365Blueprints.User)["relations"]![M365Blueprints.PortUserRelation]!;

        Assert.Equal("_user", (string)relation["target"]!);
        Assert.False((bool)relation["required"]!);
        Assert.False((bool)relation["many"]!);
    }
}
