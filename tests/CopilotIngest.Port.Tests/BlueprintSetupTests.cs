using System.Text.Json.Nodes;
using CopilotIngest.Core.Http;
using CopilotIngest.Port.Setup;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

public sealed class BlueprintSetupTests : IDisposable
{
    private const string Usage = """
        {
          "identifier": "a_usage",
          "title": "Copilot usage",
          "icon": "Github",
          "description": "One entity per org and day",
          "schema": {
            "properties": {
              "record_date": { "type": "string", "format": "date-time", "title": "Day" },
              "total_active_users": { "type": "number", "title": "Active users" }
            },
            "required": ["record_date"]
          },
          "calculationProperties": {
            "busy": { "title": "Busy", "type": "boolean", "calculation": ".properties.total_active_users > 10" }
          },
          "mirrorProperties": {
            "org_name": { "title": "Org name", "path": "org.$title" }
          },
          "relations": {
            "org": { "title": "Org", "target": "b_org", "required": false, "many": false }
          }
        }
        """;

    private const string Org = """
        {
          "identifier": "b_org",
          "title": "GitHub org",
          "schema": { "properties": { "login": { "type": "string", "title": "Login" } } }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("blueprints-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_directory, name), json);

    private void WriteDefaults()
    {
        Write("a_usage.json", Usage);
        Write("b_org.json", Org);
    }

    private static async Task<(FakePort Port, ServiceProvider Services, BlueprintSetup Setup)> StartAsync(FakeBlueprints blueprints)
    {
        var port = await FakePort.StartAsync(blueprints.HandleAsync);
        var services = PortServices.Create(port.BaseAddress);
        return (port, services, services.GetRequiredService<BlueprintSetup>());
    }

    private static IReadOnlyList<string> Writes(FakePort port) =>
        [.. port.Requests.Where(r => r.Method != "GET").Select(r => $"{r.Method} {r.PathAndQuery} {string.Join(",", Bodies.Object(r).Select(p => p.Key))}")];

    [Fact]
    public async Task ApplyAsync_EmptyPort_CreatesEverythingWithRelationsInASecondPass()
    {
        WriteDefaults();
        var blueprints = new FakeBlueprints();
        var (port, services, setup) = await StartAsync(blueprints);
        await using var _ = port;
        await using var __ = services;

        var plan = await setup.ApplyAsync(_directory, dryRun: false, Ct);

        Assert.Equal([SetupAction.Create, SetupAction.Create], plan.Blueprints.Select(b => b.Action));
        Assert.Equal(["a_usage", "b_org"], plan.Blueprints.Select(b => b.Identifier));
        Assert.EndsWith("a_usage.json", plan.Blueprints[0].File, StringComparison.Ordinal);
        Assert.Equal(
            [
                "POST /v1/blueprints title,icon,description,schema,identifier",
                "POST /v1/blueprints title,schema,identifier",
                "PATCH /v1/blueprints/a_usage relations",
                "PATCH /v1/blueprints/a_usage calculationProperties,mirrorProperties",
            ],
            Writes(port));
        var stored = blueprints["a_usage"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Usage)!["mirrorProperties"], stored["mirrorProperties"]));
        Assert.Equal("b_org", stored["relations"]!["org"]!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAsync_SecondRun_IsUnchangedAndWritesNothing()
    {
        WriteDefaults();
        var (port, services, setup) = await StartAsync(new FakeBlueprints());
        await using var _ = port;
        await using var __ = services;
        await setup.ApplyAsync(_directory, dryRun: false, Ct);
        var writes = Writes(port).Count;

        var plan = await setup.ApplyAsync(_directory, dryRun: false, Ct);

        Assert.All(plan.Blueprints, b => Assert.Equal(SetupAction.Unchanged, b.Action));
        Assert.False(plan.HasChanges);
        Assert.Equal(writes, Writes(port).Count);
        Assert.Equal(["unchanged a_usage: matches Port", "unchanged b_org: matches Port"], plan.Describe());
    }

    [Fact]
    public async Task ApplyAsync_FileChanged_PatchesOnlyWhatDiffersAndSaysWhat()
    {
        WriteDefaults();
        var blueprints = new FakeBlueprints();
        var (port, services, setup) = await StartAsync(blueprints);
        await using var _ = port;
        await using var __ = services;
        await setup.ApplyAsync(_directory, dryRun: false, Ct);
        var changed = JsonNode.Parse(Usage)!.AsObject();
        changed["title"] = "Copilot usage per day";
        changed["schema"]!["properties"]!["editor_top"] = new JsonObject { ["type"] = "string", ["title"] = "Top editor" };
        Write("a_usage.json", changed.ToJsonString());
        var before = Writes(port).Count;

        var plan = await setup.ApplyAsync(_directory, dryRun: false, Ct);

        var item = plan.Blueprints[0];
        Assert.Equal(SetupAction.Update, item.Action);
        Assert.Equal("differs in title, schema.properties.editor_top (not in Port)", item.Reason);
        Assert.Equal(SetupAction.Unchanged, plan.Blueprints[1].Action);
        Assert.Equal(["PATCH /v1/blueprints/a_usage title,schema"], Writes(port).Skip(before));
        Assert.Equal("Copilot usage per day", blueprints["a_usage"]!["title"]!.GetValue<string>());
        Assert.False((await setup.PlanAsync(_directory, Ct)).HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_RelationAdded_PatchesRelationsBeforeDependents()
    {
        Write("b_org.json", Org);
        var usage = JsonNode.Parse(Usage)!.AsObject();
        usage.Remove("relations");
        usage.Remove("mirrorProperties");
        Write("a_usage.json", usage.ToJsonString());
        var (port, services, setup) = await StartAsync(new FakeBlueprints());
        await using var _ = port;
        await using var __ = services;
        await setup.ApplyAsync(_directory, dryRun: false, Ct);
        Write("a_usage.json", Usage);
        var before = Writes(port).Count;

        var plan = await setup.ApplyAsync(_directory, dryRun: false, Ct);

        Assert.Equal("differs in mirrorProperties.org_name (not in Port), relations.org (not in Port)", plan.Blueprints[0].Reason);
        Assert.Equal(["PATCH /v1/blueprints/a_usage relations", "PATCH /v1/blueprints/a_usage mirrorProperties"], Writes(port).Skip(before));
    }

    [Fact]
    public async Task ApplyAsync_RelationAndPropertyOnlyInPort_LeftAloneAndPlanSettles()
    {
        WriteDefaults();
        var blueprints = new FakeBlueprints();
        var (port, services, setup) = await StartAsync(blueprints);
        await using var _ = port;
        await using var __ = services;
        await setup.ApplyAsync(_directory, dryRun: false, Ct);

        // Someone adds a property in Port's builder, and our file no longer declares the relation and its mirror.
        blueprints["a_usage"]!["schema"]!["properties"]!.AsObject()["added_in_port"] = new JsonObject { ["type"] = "string" };
        var usage = JsonNode.Parse(Usage)!.AsObject();
        usage.Remove("relations");
        usage.Remove("mirrorProperties");
        Write("a_usage.json", usage.ToJsonString());
        var before = Writes(port).Count;

        var plan = await setup.ApplyAsync(_directory, dryRun: false, Ct);

        Assert.Equal(SetupAction.Unchanged, plan.Blueprints[0].Action);
        Assert.Empty(Writes(port).Skip(before));
        Assert.NotEmpty(blueprints["a_usage"]!["relations"]!.AsObject());
        Assert.NotNull(blueprints["a_usage"]!["schema"]!["properties"]!["added_in_port"]);
    }

    [Fact]
    public async Task ApplyAsync_DeclaredPropertyChangedInPort_UpdatedBackToTheFile()
    {
        WriteDefaults();
        var blueprints = new FakeBlueprints();
        var (port, services, setup) = await StartAsync(blueprints);
        await using var _ = port;
        await using var __ = services;
        await setup.ApplyAsync(_directory, dryRun: false, Ct);
        var declared = blueprints["a_usage"]!["schema"]!["properties"]!.AsObject().First().Key;
        blueprints["a_usage"]!["schema"]!["properties"]![declared]!["title"] = "Renamed in Port";

        var plan = await setup.ApplyAsync(_directory, dryRun: false, Ct);

        Assert.Equal(SetupAction.Update, plan.Blueprints[0].Action);
        Assert.Contains($"schema.properties.{declared}", plan.Blueprints[0].Reason, StringComparison.Ordinal);
        Assert.False((await setup.PlanAsync(_directory, Ct)).HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_RepositoryBlueprints_CreateThenStayUnchanged()
    {
        var directory = ReferenceFiles.Repo("configs/blueprints");
        var (port, services, setup) = await StartAsync(new FakeBlueprints());
        await using var _ = port;
        await using var __ = services;

        var first = await setup.ApplyAsync(directory, dryRun: false, Ct);
        var second = await setup.PlanAsync(directory, Ct);

        Assert.NotEmpty(first.Blueprints);
        Assert.All(first.Blueprints, b => Assert.Equal(SetupAction.Create, b.Action));
        Assert.Contains(first.Blueprints, b => b.Identifier == "github_copilot_seats");
        Assert.All(second.Blueprints, b => Assert.Equal(SetupAction.Unchanged, b.Action));
    }

    [Fact]
    public async Task ApplyAsync_DryRun_PlansWithoutChangingAnything()
    {
        WriteDefaults();
        var (port, services, setup) = await StartAsync(new FakeBlueprints());
        await using var _ = port;
        await using var __ = services;

        var plan = await setup.ApplyAsync(_directory, dryRun: true, Ct);

        Assert.Equal(2, plan.Count(SetupAction.Create));
        Assert.True(plan.HasChanges);
        Assert.Equal(["create    a_usage: not in Port yet", "create    b_org: not in Port yet"], plan.Describe());
        Assert.Empty(Writes(port));
        Assert.Equal(["GET /v1/blueprints/a_usage", "GET /v1/blueprints/b_org"], port.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
    }

    [Fact]
    public async Task ApplyAsync_PortRejectsABlueprint_ThrowsItsMessage()
    {
        WriteDefaults();
        await using var port = await FakePort.StartAsync((context, request) => request.Method == "GET"
            ? Respond.Error(context, 404, "not_found", "Blueprint was not found")
            : Respond.Error(context, 422, "invalid_request", "schema/properties/record_date/format must be one of the allowed values"));
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<ApiException>(() => services.GetRequiredService<BlueprintSetup>().ApplyAsync(_directory, dryRun: false, Ct));

        Assert.Contains("creating blueprint a_usage", ex.Message, StringComparison.Ordinal);
        Assert.Contains("format must be one of the allowed values", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"identifier\": \"x\", ", "is not valid JSON")]
    [InlineData("", "is not valid JSON")]
    [InlineData("[1, 2]", "must hold one blueprint as a JSON object")]
    [InlineData("{ \"title\": \"T\", \"schema\": { \"properties\": {} } }", "\"identifier\" must be a string")]
    [InlineData("{ \"identifier\": \"has space\", \"title\": \"T\", \"schema\": { \"properties\": {} } }", "\"identifier\" must be a string")]
    [InlineData("{ \"identifier\": \"x\", \"schema\": { \"properties\": {} } }", "\"title\" is required")]
    [InlineData("{ \"identifier\": \"x\", \"title\": \"T\" }", "\"schema\" is required")]
    [InlineData("{ \"identifier\": \"x\", \"title\": \"T\", \"schema\": { \"properties\": {} }, }", "is not valid JSON")]
    public async Task PlanAsync_BadFile_ThrowsNamingTheFileBeforeCallingPort(string content, string expected)
    {
        Write("b_org.json", Org);
        Write("broken.json", content);
        await using var port = await FakePort.StartAsync(new FakeBlueprints().HandleAsync);
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => services.GetRequiredService<BlueprintSetup>().PlanAsync(_directory, Ct));

        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(port.Requests);
    }

    [Fact]
    public async Task PlanAsync_SameIdentifierInTwoFiles_ThrowsNamingBoth()
    {
        Write("b_org.json", Org);
        Write("c_copy.json", Org);
        await using var port = await FakePort.StartAsync(new FakeBlueprints().HandleAsync);
        await using var services = PortServices.Create(port.BaseAddress);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => services.GetRequiredService<BlueprintSetup>().PlanAsync(_directory, Ct));

        Assert.Contains("b_org.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("c_copy.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_EmptyOrMissingDirectory_Throws()
    {
        await using var port = await FakePort.StartAsync(new FakeBlueprints().HandleAsync);
        await using var services = PortServices.Create(port.BaseAddress);
        var setup = services.GetRequiredService<BlueprintSetup>();

        var empty = await Assert.ThrowsAsync<InvalidDataException>(() => setup.PlanAsync(_directory, Ct));
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => setup.PlanAsync(Path.Combine(_directory, "nope"), Ct));

        Assert.Contains("no *.json files", empty.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }
}
