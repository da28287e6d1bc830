using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Tests.Fakes;
using CopilotIngest.Port.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Tests.Webhooks;

/// <summary>The webhook sink against a scripted Port: signing, request ids, payload limits, retries, delta sync and deletes.</summary>
public sealed class PortWebhookSinkTests
{
    private const string Secret = "a-webhook-secret-for-tests-only";
    private const string Blueprint = TestEntities.Blueprint;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool IsWebhook(RecordedRequest request) => request.PathAndQuery.StartsWith("/hooks/usage", StringComparison.Ordinal);

    private static string Header(RecordedRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;

    /// <summary>A Port whose blueprint keeps content hashes, holding <paramref name="held"/>; webhook posts go to <paramref name="webhook"/>.</summary>
    private static Task<FakePort> StartPortAsync(Func<HttpContext, RecordedRequest, Task> webhook, params JsonObject[] held) =>
        FakePort.StartAsync((context, request) =>
            IsWebhook(request) ? webhook(context, request)
            : Bodies.IsBlueprintRead(request) ? Respond.Blueprint(context, Blueprint, "total_active_users", "record_date", HeldEntities.ContentHashProperty)
            : Bodies.IsSearch(request) ? Respond.Search(context, held)
            : Respond.Json(context, 404, """{"ok":false,"error":"not_found","message":"unexpected"}"""));

    private static Task Accepted(HttpContext context, RecordedRequest request) => Respond.Json(context, 202, """{"ok":true}""");

    private static ServiceProvider Services(FakePort port, Action<PortWebhookOptions>? tune = null)
    {
        var services = PortServices.Create(
            port.BaseAddress,
            settings: new Dictionary<string, string?>
            {
                [PortWebhookSettings.Secret] = Secret,
                [PortWebhookSettings.UrlGitHubUsage] = new Uri(port.BaseAddress, "hooks/usage").ToString(),
            },
            webhookDataSets: ["github_usage"]);
        if (tune is not null)
        {
            tune(services.GetRequiredService<IOptions<PortWebhookOptions>>().Value);
        }

        return services;
    }

    private static async Task<UpsertReport> UpsertAsync(FakePort port, IEnumerable<PortEntity> entities, Action<PortWebhookOptions>? tune = null)
    {
        await using var services = Services(port, tune);
        return await services.GetRequiredService<IEntitySink>().UpsertAsync(Blueprint, TestEntities.Stream(entities), Ct);
    }

    private static IReadOnlyList<RecordedRequest> Posts(FakePort port) => [.. port.Requests.Where(IsWebhook)];

    [Fact]
    public async Task UpsertAsync_Payload_IsSignedOverTheExactBodyWithAUniqueRequestId()
    {
        await using var port = await StartPortAsync(Accepted);

        var report = await UpsertAsync(port, TestEntities.Many(3));

        Assert.Equal(3, report.Upserted);
        var post = Assert.Single(Posts(port));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(post.Body)));
        Assert.Equal(expected, Header(post, "x-copilot-ingest-signature-256"));
        Assert.Matches("^[0-9a-f]{32}$", Header(post, "x-copilot-ingest-request-id"));
        var body = Bodies.Object(post);
        Assert.Equal(Blueprint, body["blueprint"]!.GetValue<string>());
        Assert.Equal("github_usage", body["dataSet"]!.GetValue<string>());
        Assert.Equal("upsert", body["operation"]!.GetValue<string>());
        var item = body["items"]![0]!;
        Assert.Equal("acme@0000", item["identifier"]!.GetValue<string>());
        Assert.Equal("Usage acme@0000", item["title"]!.GetValue<string>());
        Assert.Equal("acme", item["relations"]!["org"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", item["properties"]![HeldEntities.ContentHashProperty]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_MoreThan500Entities_SplitsIntoPayloadsOfAtMost500()
    {
        await using var port = await StartPortAsync(Accepted);

        var report = await UpsertAsync(port, TestEntities.Many(1203));

        Assert.Equal(1203, report.Upserted);
        var sizes = Posts(port).Select(p => Bodies.Object(p)["items"]!.AsArray().Count).Order().ToList();
        Assert.Equal([203, 500, 500], sizes);
        Assert.Equal(3, Posts(port).Select(p => Header(p, "x-copilot-ingest-request-id")).Distinct().Count());
    }

    [Fact]
    public async Task UpsertAsync_EntitiesOver512KiB_SplitsBySizeBelowTheLimit()
    {
        await using var port = await StartPortAsync(Accepted);
        var entities = Enumerable.Range(0, 30).Select(i => TestEntities.Entity($"acme@{i:D4}", i, new string('x', 60_000))).ToList();

        var report = await UpsertAsync(port, entities);

        Assert.Equal(30, report.Upserted);
        Assert.True(Posts(port).Count >= 4, $"{Posts(port).Count} payloads");
        Assert.All(Posts(port), p => Assert.True(Encoding.UTF8.GetByteCount(p.Body) <= 512 * 1024, $"{Encoding.UTF8.GetByteCount(p.Body)} bytes"));
        Assert.Equal(30, Posts(port).Sum(p => Bodies.Object(p)["items"]!.AsArray().Count));
    }

    [Fact]
    public async Task UpsertAsync_Port413_HalvesThePayload()
    {
        var calls = 0;
        await using var port = await StartPortAsync((context, request) =>
            Interlocked.Increment(ref calls) == 1 ? Respond.Error(context, 413, "request_too_large", "too large") : Accepted(context, request));

        var report = await UpsertAsync(port, TestEntities.Many(10));

        Assert.Equal(10, report.Upserted);
        Assert.Equal([10, 5, 5], Posts(port).Select(p => Bodies.Object(p)["items"]!.AsArray().Count));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task UpsertAsync_RetryableAnswer_RetriesWithTheSameRequestId(int status)
    {
        var calls = 0;
        await using var port = await StartPortAsync((context, request) =>
            Interlocked.Increment(ref calls) == 1 ? Respond.Error(context, status, "busy", "try again", ("Retry-After", "0")) : Accepted(context, request));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Upserted);
        var posts = Posts(port);
        Assert.Equal(2, posts.Count);
        Assert.Equal(Header(posts[0], "x-copilot-ingest-request-id"), Header(posts[1], "x-copilot-ingest-request-id"));
        Assert.Equal(posts[0].Body, posts[1].Body);
    }

    [Fact]
    public async Task UpsertAsync_Port401_FailsEachEntityNamingTheSecretSetting()
    {
        await using var port = await StartPortAsync((context, _) => Respond.Error(context, 401, "unauthorized", "bad signature"));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(0, report.Upserted);
        Assert.Equal(2, report.Failed);
        Assert.All(report.Failures, f => Assert.Contains(PortWebhookSettings.Secret, f.Message, StringComparison.Ordinal));
        Assert.All(report.Failures, f => Assert.DoesNotContain(Secret, f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_PortHoldsTheSameHash_PostsOnlyChangedEntities()
    {
        // First run: capture what was posted, then answer the second run's listing with those hashes.
        await using var first = await StartPortAsync(Accepted);
        await UpsertAsync(first, TestEntities.Many(3));
        var held = Bodies.Object(Posts(first)[0])["items"]!.AsArray()
            .Select(i => new JsonObject { ["identifier"] = i!["identifier"]!.GetValue<string>(), ["properties"] = new JsonObject { [HeldEntities.ContentHashProperty] = i["properties"]![HeldEntities.ContentHashProperty]!.GetValue<string>() } })
            .ToArray();
        await using var second = await StartPortAsync(Accepted, held);
        var changed = TestEntities.Many(3).Select(e => e.Identifier == "acme@0001" ? TestEntities.Entity(e.Identifier, 99) : e);

        var report = await UpsertAsync(second, changed);

        Assert.Equal(1, report.Upserted);
        Assert.Equal(2, report.Unchanged);
        var item = Assert.Single(Bodies.Object(Assert.Single(Posts(second)))["items"]!.AsArray());
        Assert.Equal("acme@0001", item!["identifier"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteAsync_Store_PostsDeleteItemsToTheWebhook()
    {
        await using var port = await StartPortAsync(Accepted);
        await using var services = Services(port);

        var deleted = await services.GetRequiredService<IEntityStore>().DeleteAsync(Blueprint, ["acme@0001", "acme@0002"], Ct);

        Assert.Equal(["acme@0001", "acme@0002"], deleted);
        var body = Bodies.Object(Assert.Single(Posts(port)));
        Assert.Equal("delete", body["operation"]!.GetValue<string>());
        Assert.Equal(["acme@0001", "acme@0002"], body["items"]!.AsArray().Select(i => i!["identifier"]!.GetValue<string>()));
        Assert.DoesNotContain(port.Requests, r => r.PathAndQuery.Contains("/bulk/entities/delete", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_EnabledDataSetWithoutUrlAndNoSecret_ListsEveryProblemNamingTheVariables()
    {
        var options = new PortWebhookOptions();
        options.EnabledDataSets.AddRange(["github_seats", "m365_users"]);
        options.Urls["github_seats"] = "http://ingest.example.com/key";

        var result = new PortWebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains(PortWebhookSettings.Secret, failures, StringComparison.Ordinal);
        Assert.Contains(PortWebhookSettings.UrlM365Users, failures, StringComparison.Ordinal);
        Assert.Contains($"{PortWebhookSettings.UrlGitHubSeats} must use https", failures, StringComparison.Ordinal);
        Assert.DoesNotContain(PortWebhookSettings.UrlGitHubUsage, failures, StringComparison.Ordinal);
    }
}
