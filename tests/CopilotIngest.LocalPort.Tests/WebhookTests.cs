using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

/// <summary>Custom webhook integrations: /v1/webhooks, and the ingest URL they hand out (signature, request ids, jq mappings, writes and deletes).</summary>
public sealed class WebhookTests
{
    private const string Secret = "webhook-secret-0123456789";

    private const string Integration = """
        {
          "identifier": "seats_in",
          "title": "Seats in",
          "enabled": true,
          "integrationType": "custom",
          "mappings": [
            {
              "blueprint": "seats",
              "operation": { "type": "create" },
              "filter": ".body.operation == \"upsert\"",
              "itemsToParse": ".body.items",
              "entity": {
                "identifier": ".item.id",
                "title": "\"Seats of \" + .item.id",
                "properties": { "total": ".item.n * 2", "org": ".body.org", "plan": ".item.plan" },
                "relations": {}
              }
            },
            {
              "blueprint": "seats",
              "operation": { "type": "delete", "deleteDependents": false },
              "filter": ".body.operation == \"delete\"",
              "itemsToParse": ".body.items",
              "entity": { "identifier": ".item.id" }
            }
          ],
          "security": {
            "secret": "webhook-secret-0123456789",
            "signatureHeaderName": "x-sig",
            "signatureAlgorithm": "sha256",
            "signaturePrefix": "sha256=",
            "requestIdentifierPath": ".headers.\"x-request-id\""
          }
        }
        """;

    [Fact]
    public async Task CreateWebhook_NewIdentifier_Returns201WithKeyAndIngestUrl()
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/webhooks", Integration);
        var (again, _) = await port.CallAsync(HttpMethod.Post, "/v1/webhooks", Integration);
        var (_, fetched) = await port.CallAsync(HttpMethod.Get, "/v1/webhooks/seats_in");

        Assert.Equal(201, status);
        var key = body["integration"]!["webhookKey"]!.GetValue<string>();
        Assert.Equal(new Uri(port.Server.BaseAddress, "ingest/" + key).ToString(), body["integration"]!["url"]!.GetValue<string>());
        Assert.Equal(409, again);
        Assert.Equal(key, fetched["integration"]!["webhookKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateWebhook_Put_KeepsTheIngestUrl()
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);

        var (status, body) = await port.CallAsync(HttpMethod.Put, "/v1/webhooks/seats_in", Integration.Replace("\"Seats in\"", "\"Seats renamed\"", StringComparison.Ordinal));

        Assert.Equal(200, status);
        Assert.Equal("Seats renamed", body["integration"]!["title"]!.GetValue<string>());
        Assert.Equal(url, body["integration"]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"title":"t","enabled":true,"identifier":"this_identifier_is_longer_than_thirty"}""", "identifier")]
    [InlineData("""{"identifier":"x","enabled":true}""", "title")]
    [InlineData("""{"identifier":"x","title":"t","enabled":true,"mappings":[{"blueprint":"seats","operation":"upsert","entity":{"identifier":".id"}}]}""", "operation")]
    public async Task CreateWebhook_BreaksSchema_Returns422NamingTheField(string json, string field)
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/webhooks", json);

        PortAssert.Error(422, "bad_request", status, body, field);
    }

    [Fact]
    public async Task Ingest_SignedPayload_RunsTheJqMappingAndUpserts()
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);

        var (status, _) = await PostAsync(url, """{"operation":"upsert","org":"acme","items":[{"id":"a","n":21,"plan":"business"},{"id":"b","n":1}]}""");

        Assert.Equal(202, status);
        var a = await port.GetEntityAsync("seats", "a");
        Assert.Equal("Seats of a", a["title"]!.GetValue<string>());
        Assert.Equal(42, a["properties"]!["total"]!.GetValue<double>());
        Assert.Equal("acme", a["properties"]!["org"]!.GetValue<string>());
        Assert.Equal("business", a["properties"]!["plan"]!.GetValue<string>());
        Assert.Equal(2, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData("wrong-secret")]
    public async Task Ingest_BadSignature_Returns401AndStoresNothing(string signature)
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);
        const string Payload = """{"operation":"upsert","org":"acme","items":[{"id":"a","n":1}]}""";
        var header = signature == "wrong-secret" ? Sign("wrong-secret-0123456789", Payload) : signature;

        var (status, body) = await PostAsync(url, Payload, signature: header);

        Assert.Equal(401, status);
        Assert.Contains("signature", body, StringComparison.Ordinal);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Ingest_RepeatedRequestId_IsDropped()
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);

        var (first, _) = await PostAsync(url, """{"operation":"upsert","org":"acme","items":[{"id":"a","n":1}]}""", requestId: "r-1");
        var (second, body) = await PostAsync(url, """{"operation":"upsert","org":"acme","items":[{"id":"a","n":5}]}""", requestId: "r-1");

        Assert.Equal(202, first);
        Assert.Equal(202, second);
        Assert.Contains("processed before", body, StringComparison.Ordinal);
        Assert.Equal(2, (await port.GetEntityAsync("seats", "a"))["properties"]!["total"]!.GetValue<double>());
    }

    [Fact]
    public async Task Ingest_DeleteOperation_DeletesTheEntities()
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);
        await PostAsync(url, """{"operation":"upsert","org":"acme","items":[{"id":"a","n":1},{"id":"b","n":1}]}""");

        var (status, _) = await PostAsync(url, """{"operation":"delete","items":[{"id":"a"},{"id":"gone"}]}""");

        Assert.Equal(202, status);
        Assert.Equal(1, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
        Assert.Null(await port.Server.GetEntityAsync("seats", "a", TestPort.Ct));
    }

    [Theory]
    [InlineData("""{"id":"bad","n":"not a number"}""", "item 1 (bad)")]
    [InlineData("""{"id":"bad","n":1,"plan":"free"}""", "item 1 (bad)")]
    [InlineData("""{"n":1}""", "identifier")]
    public async Task Ingest_ItemFailsMappingOrBlueprint_Returns422NamingItAndStoresTheOthers(string badItem, string named)
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);

        var (status, body) = await PostAsync(url, "{\"operation\":\"upsert\",\"org\":\"acme\",\"items\":[{\"id\":\"good\",\"n\":1}," + badItem + "]}");

        Assert.Equal(422, status);
        Assert.Contains(named, body, StringComparison.Ordinal);
        Assert.Contains("mapping 0 (seats)", body, StringComparison.Ordinal);
        Assert.Equal(1, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Ingest_JqErrorInAProperty_NamesTheProperty()
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port, Integration.Replace("\".item.n * 2\"", "\".item.n | error(\\\"boom\\\")\"", StringComparison.Ordinal));

        var (status, body) = await PostAsync(url, """{"operation":"upsert","org":"acme","items":[{"id":"a","n":1}]}""");

        Assert.Equal(422, status);
        var message = JsonNode.Parse(body)!["message"]!.GetValue<string>();
        Assert.Contains("property \"total\": boom", message, StringComparison.Ordinal);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Ingest_LargerThan512KiB_Returns413AndStoresNothing()
    {
        await using var port = await StartAsync();
        var url = await CreateAsync(port);
        var payload = "{\"operation\":\"upsert\",\"org\":\"acme\",\"pad\":\"" + new string('x', 512 * 1024) + "\",\"items\":[{\"id\":\"a\",\"n\":1}]}";

        var (status, _) = await PostAsync(url, payload);

        Assert.Equal(413, status);
        Assert.Equal(0, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
    }

    [Fact]
    public async Task Ingest_UnknownKey_Returns404()
    {
        await using var port = await StartAsync();

        var (status, _) = await PostAsync(new Uri(port.Server.BaseAddress, "ingest/nope").ToString(), """{"operation":"upsert","items":[]}""");

        Assert.Equal(404, status);
    }

    private static async Task<TestPort> StartAsync()
    {
        var port = await TestPort.StartAsync();
        await port.AuthorizeAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        return port;
    }

    private static async Task<string> CreateAsync(TestPort port, string integration = Integration)
    {
        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/webhooks", integration);
        Assert.True(status == 201, body.ToJsonString());
        return body["integration"]!["url"]!.GetValue<string>();
    }

    private static string Sign(string secret, string payload) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    /// <summary>Posts without a bearer token, as a webhook sender does.</summary>
    private static async Task<(int Status, string Body)> PostAsync(string url, string payload, string? signature = null, string? requestId = null)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-sig", signature ?? Sign(Secret, payload));
        request.Headers.TryAddWithoutValidation("x-request-id", requestId ?? Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request, TestPort.Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestPort.Ct));
    }
}
