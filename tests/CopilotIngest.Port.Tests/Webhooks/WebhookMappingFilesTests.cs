using System.Text.Json.Nodes;
using CopilotIngest.Port.Webhooks;

namespace CopilotIngest.Port.Tests.Webhooks;

/// <summary>
/// configs/mappings/webhook_&lt;data set&gt;.json against configs/blueprints: every property and relation the worker writes
/// through the Entities API has a mapping, so a property added to a blueprint cannot silently stop arriving by webhook.
/// </summary>
public sealed class WebhookMappingFilesTests
{
    public static TheoryData<string> DataSets => [.. WebhookDataSet.All.Select(d => d.Name)];

    private static (JsonObject Mapping, JsonObject Blueprint, string File) Load(string dataSet)
    {
        var set = WebhookDataSet.ForName(dataSet)!;
        var file = "configs/mappings/" + set.MappingFile;
        Assert.True(File.Exists(ReferenceFiles.Repo(file)), $"{file} is missing: every data set needs its webhook mapping file.");
        var mapping = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo(file)))!.AsObject();
        var blueprint = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo($"configs/blueprints/{set.Blueprint}.json")))!.AsObject();
        return (mapping, blueprint, file);
    }

    private static JsonObject Mapping(JsonObject integration, string type, string blueprint) =>
        integration["mappings"]!.AsArray().OfType<JsonObject>()
            .Single(m => m["blueprint"]!.GetValue<string>() == blueprint && (m["operation"] is JsonObject o ? o["type"]! : m["operation"]!).GetValue<string>() == type);

    [Theory]
    [MemberData(nameof(DataSets))]
    public void MappingFile_EveryBlueprintPropertyAndRelation_IsMapped(string dataSet)
    {
        var (integration, blueprint, file) = Load(dataSet);
        var entity = Mapping(integration, "create", blueprint["identifier"]!.GetValue<string>())["entity"]!.AsObject();
        var properties = entity["properties"]?.AsObject() ?? [];
        var relations = entity["relations"]?.AsObject() ?? [];

        var missing = blueprint["schema"]!["properties"]!.AsObject().Select(p => p.Key).Where(p => !properties.ContainsKey(p)).Select(p => $"property '{p}'")
            .Concat((blueprint["relations"]?.AsObject() ?? []).Where(r => !IsCatalogueRelation(r.Value)).Select(r => r.Key).Where(r => !relations.ContainsKey(r)).Select(r => $"relation '{r}'"))
            .ToList();

        Assert.True(missing.Count == 0, $"{file} does not map {string.Join(", ", missing)} of blueprint {blueprint["identifier"]}: add \"<name>\": \".item.properties.<name>\" (or .item.relations.<name>) to its create mapping.");
        Assert.Equal(".item.identifier", entity["identifier"]!.GetValue<string>());
        Assert.Equal(".item.title", entity["title"]!.GetValue<string>());
    }

    /// <summary>
    /// A relation into Port's GitHub integration (githubUser, githubTeam): setup adds it only once that blueprint exists,
    /// so a fixed webhook mapping cannot name it (a mapped relation the blueprint lacks would fail every item); the
    /// webhook path leaves it out.
    /// </summary>
    private static bool IsCatalogueRelation(JsonNode? relation) =>
        relation?["target"]?.GetValue<string>() is { } target && !target.StartsWith('_')
        && !File.Exists(ReferenceFiles.Repo($"configs/blueprints/{target}.json"));

    [Theory]
    [MemberData(nameof(DataSets))]
    public void MappingFile_MapsOnlyWhatTheBlueprintHolds(string dataSet)
    {
        var (integration, blueprint, file) = Load(dataSet);
        var entity = Mapping(integration, "create", blueprint["identifier"]!.GetValue<string>())["entity"]!.AsObject();
        var schema = blueprint["schema"]!["properties"]!.AsObject();

        var unknown = (entity["properties"]?.AsObject() ?? []).Select(p => p.Key).Where(p => !schema.ContainsKey(p))
            .Concat((entity["relations"]?.AsObject() ?? []).Select(r => r.Key).Where(r => blueprint["relations"]?[r] is null)).ToList();

        Assert.True(unknown.Count == 0, $"{file} maps {string.Join(", ", unknown)}, which blueprint {blueprint["identifier"]} does not have (calculation properties are computed by Port and must not be mapped).");
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void MappingFile_SecurityAndDelete_MatchWhatTheWorkerSends(string dataSet)
    {
        var (integration, blueprint, file) = Load(dataSet);
        var security = integration["security"]!.AsObject();
        var delete = Mapping(integration, "delete", blueprint["identifier"]!.GetValue<string>());

        Assert.Equal(WebhookPayload.SignatureHeader, security["signatureHeaderName"]!.GetValue<string>());
        Assert.Equal("sha256", security["signatureAlgorithm"]!.GetValue<string>());
        Assert.Equal(WebhookPayload.SignaturePrefix, security["signaturePrefix"]!.GetValue<string>());
        Assert.Equal($".headers.\"{WebhookPayload.RequestIdHeader}\"", security["requestIdentifierPath"]!.GetValue<string>());
        Assert.False(security.ContainsKey("secret"), $"{file} must not hold a secret: setup adds PORT_WEBHOOK_SECRET.");
        Assert.False(delete["operation"]!["deleteDependents"]!.GetValue<bool>());
        Assert.Equal("copilot_" + dataSet, integration["identifier"]!.GetValue<string>());
        Assert.InRange(integration["title"]!.GetValue<string>().Length, 1, 30);
    }
}
