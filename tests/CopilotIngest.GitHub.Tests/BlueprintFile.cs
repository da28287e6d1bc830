using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Testing;

namespace CopilotIngest.GitHub.Tests;

/// <summary>A blueprint of <c>configs/blueprints</c> and the checks every blueprint of this library meets.</summary>
internal sealed class BlueprintFile
{
    private BlueprintFile(JsonObject json) => Json = json;

    public JsonObject Json { get; }

    public JsonObject Properties => Json["schema"]!["properties"]!.AsObject();

    public static BlueprintFile Load(string identifier) =>
        new(JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo($"configs/blueprints/{identifier}.json")))!.AsObject());

    /// <summary>Identifier, title and description within Port's limits; every property with a title, a type and a description saying where its value comes from.</summary>
    public void AssertWellFormed(string identifier)
    {
        Assert.Equal(identifier, (string?)Json["identifier"]);
        Assert.InRange(((string)Json["title"]!).Length, 1, 100);
        Assert.InRange(((string)Json["description"]!).Length, 1, 200);
        foreach (var (name, node) in Properties)
        {
            Assert.Matches("^[A-Za-z0-9@_=\\-]+$", name);
            Assert.False(string.IsNullOrWhiteSpace((string?)node!["title"]), name);
            Assert.False(string.IsNullOrWhiteSpace((string?)node["description"]), name);
            Assert.Contains((string)node["type"]!, new[] { "string", "number", "boolean", "object", "array" });
        }

        foreach (var required in Json["schema"]!["required"]!.AsArray())
        {
            Assert.True(Properties.ContainsKey((string)required!), (string?)required);
        }
    }

    /// <summary>Every property of the entity exists in the blueprint with a matching JSON type; required ones are present.</summary>
    public void AssertAccepts(PortEntity entity)
    {
        Assert.Equal((string?)Json["identifier"], entity.Blueprint);
        Assert.True(PortIdentifier.IsValid(entity.Identifier), entity.Identifier);
        foreach (var required in Json["schema"]!["required"]!.AsArray())
        {
            Assert.True(entity.Properties.ContainsKey((string)required!), (string?)required);
        }

        foreach (var (name, value) in entity.Properties)
        {
            Assert.True(Properties.ContainsKey(name), $"{name} is not in the blueprint");
            var definition = Properties[name]!;
            var type = (string)definition["type"]!;
            var kind = value?.GetValueKind();
            var matches = type switch
            {
                "string" => kind == System.Text.Json.JsonValueKind.String,
                "number" => kind == System.Text.Json.JsonValueKind.Number,
                "boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
                "array" => kind == System.Text.Json.JsonValueKind.Array,
                "object" => kind == System.Text.Json.JsonValueKind.Object,
                _ => false,
            };
            Assert.True(matches, $"{name}: blueprint type {type}, entity value {value?.ToJsonString()}");
            if (definition["enum"] is JsonArray allowed)
            {
                Assert.Contains((string)value!, allowed.Select(v => (string)v!));
            }

            if ((string?)definition["format"] == "date-time")
            {
                Assert.True(DateTimeOffset.TryParse((string)value!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), name);
            }
        }
    }
}
