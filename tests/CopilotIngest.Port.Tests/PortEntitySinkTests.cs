using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Sink;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

public sealed class PortEntitySinkTests
{
    private const string Blueprint = TestEntities.Blueprint;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Port holds nothing yet: searches find no entity, bulk calls go to <paramref name="bulk"/>.</summary>
    private static Func<HttpContext, RecordedRequest, Task> EmptyPort(Func<HttpContext, RecordedRequest, Task> bulk, Func<HttpContext, RecordedRequest, Task>? single = null) =>
        (context, request) =>
        {
            if (Bodies.IsSearch(request))
            {
                return Respond.Search(context, []);
            }

            if (Bodies.IsSingleUpsert(request))
            {
                return single is null ? Respond.Json(context, 201, """{"ok":true,"entity":{}}""") : single(context, request);
            }

            return bulk(context, request);
        };

    /// <summary>
    /// A Port whose blueprint was set up by an older version (no <c>content_hash</c>), so the sink compares batch by
    /// batch; <paramref name="api"/> answers everything but the blueprint read.
    /// </summary>
    private static Task<FakePort> StartPortAsync(Func<HttpContext, RecordedRequest, Task> api) =>
        FakePort.StartAsync((context, request) => Bodies.IsBlueprintRead(request) ? Respond.Blueprint(context, Blueprint, "total_active_users", "record_date") : api(context, request));

    private static async Task<UpsertReport> UpsertAsync(FakePort port, IEnumerable<PortEntity> entities, Action<PortOptions>? tune = null)
    {
        await using var services = PortServices.Create(port.BaseAddress, tune);
        var sink = services.GetRequiredService<IEntitySink>();
        return await sink.UpsertAsync(Blueprint, TestEntities.Stream(entities), Ct);
    }

    private static IReadOnlyList<RecordedRequest> Bulks(FakePort port) => [.. port.Requests.Where(Bodies.IsBulkUpsert)];

    [Fact]
    public async Task UpsertAsync_Bulk200_CountsEveryEntityUpserted()
    {
        await using var port = await StartPortAsync(EmptyPort(Respond.BulkOk));

        var report = await UpsertAsync(port, TestEntities.Many(5));

        Assert.Equal(5, report.Upserted);
        Assert.Empty(report.Failures);
        var bulk = Assert.Single(Bulks(port));
        Assert.Equal($"/v1/blueprints/{Blueprint}/entities/bulk?upsert=true&merge=true", bulk.PathAndQuery);
        var first = Bodies.Entities(bulk)[0];
        Assert.Equal("acme@0000", first["identifier"]!.GetValue<string>());
        Assert.Equal("Usage acme@0000", first["title"]!.GetValue<string>());
        Assert.Equal(0, first["properties"]!["total_active_users"]!.GetValue<int>());
        Assert.Equal("acme", first["relations"]!["org"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_Bulk207WithOneBadEntity_RetriesItAloneThenReportsPortsMessage()
    {
        await using var port = await StartPortAsync(EmptyPort(
            bulk: (context, request) => Respond.Json(context, 207, """
                {"ok":true,
                 "entities":[{"created":true,"identifier":"acme@0000","index":0},{"created":false,"identifier":"acme@0002","index":2}],
                 "errors":[{"identifier":"acme@0001","index":1,"statusCode":422,"error":"invalid_request","message":"bulk: total_active_users must be number"}]}
                """),
            single: (context, _) => Respond.Error(context, 422, "invalid_request", "property total_active_users must be number", ("X-Trace-Id", "t-single"))));

        var report = await UpsertAsync(port, TestEntities.Many(3));

        Assert.Equal(2, report.Upserted);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("acme@0001", failure.Identifier);
        Assert.Contains("property total_active_users must be number", failure.Message, StringComparison.Ordinal);
        Assert.Contains("t-single", failure.Message, StringComparison.Ordinal);
        var single = Assert.Single(port.Requests, Bodies.IsSingleUpsert);
        Assert.Equal($"/v1/blueprints/{Blueprint}/entities?upsert=true&merge=true", single.PathAndQuery);
        Assert.Equal("acme@0001", Bodies.Object(single)["identifier"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_Bulk207AndAloneRetrySucceeds_CountsItUpserted()
    {
        await using var port = await StartPortAsync(EmptyPort(
            bulk: (context, _) => Respond.Json(context, 207, """
                {"ok":false,"entities":[{"created":true,"identifier":"acme@0000","index":0}],
                 "errors":[{"identifier":"unknown","index":1,"statusCode":404,"error":"not_found","message":"related entity not found"}]}
                """)));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Upserted);
        Assert.Empty(report.Failures);
        Assert.Single(port.Requests, Bodies.IsSingleUpsert);
    }

    [Fact]
    public async Task UpsertAsync_Bulk207WithoutResultForAnEntity_RetriesItAlone()
    {
        await using var port = await StartPortAsync(EmptyPort(
            bulk: (context, _) => Respond.Json(context, 207, """{"ok":false,"entities":[{"created":true,"identifier":"acme@0001","index":1}],"errors":[]}"""),
            single: (context, _) => Respond.Error(context, 422, "invalid_request", "nope")));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(1, report.Upserted);
        Assert.Equal("acme@0000", Assert.Single(report.Failures).Identifier);
    }

    [Fact]
    public async Task UpsertAsync_413_SplitsBatchOf20UntilTheFailingEntityIsAlone()
    {
        const string Oversized = "acme@0007";
        await using var port = await StartPortAsync(EmptyPort((context, request) =>
            Bodies.Identifiers(request).Contains(Oversized)
                ? Respond.Error(context, 413, "request_too_large", "Request body is too large (limit is 1MiB)")
                : Respond.BulkOk(context, request)));

        var report = await UpsertAsync(port, TestEntities.Many(20));

        Assert.Equal(19, report.Upserted);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(Oversized, failure.Identifier);
        Assert.Contains("413", failure.Message, StringComparison.Ordinal);
        var withOversized = Bulks(port).Select(Bodies.Identifiers).Where(ids => ids.Contains(Oversized)).Select(ids => ids.Count).ToList();
        Assert.Equal([20, 10, 5, 3, 1], withOversized);
        Assert.DoesNotContain(port.Requests, Bodies.IsSingleUpsert);
    }

    [Fact]
    public async Task UpsertAsync_45Entities_SendsBatchesOfAtMost20()
    {
        await using var port = await StartPortAsync(EmptyPort(Respond.BulkOk));

        var report = await UpsertAsync(port, TestEntities.Many(45));

        Assert.Equal(45, report.Upserted);
        Assert.Equal([5, 20, 20], Bulks(port).Select(r => Bodies.Entities(r).Count).Order());
        Assert.Equal(45, Bulks(port).SelectMany(Bodies.Identifiers).Distinct().Count());
    }

    [Fact]
    public async Task UpsertAsync_MoreThanOneMiB_SplitsBySizeBelowTheLimit()
    {
        var padding = new string('x', 200_000);
        var entities = Enumerable.Range(0, 12).Select(i => TestEntities.Entity($"acme@{i:D2}", i, padding)).ToList();
        await using var port = await StartPortAsync(EmptyPort(Respond.BulkOk));

        var report = await UpsertAsync(port, entities);

        Assert.Equal(12, report.Upserted);
        var bulks = Bulks(port);
        Assert.True(bulks.Count >= 3, $"expected at least 3 bulk calls, got {bulks.Count}");
        Assert.All(bulks, b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Body) <= PortClient.MaxRequestBytes));
        Assert.All(bulks, b => Assert.True(Bodies.Entities(b).Count <= 5));
    }

    [Fact]
    public async Task UpsertAsync_EntityLargerThanARequest_IsReportedWithoutSending()
    {
        var huge = TestEntities.Entity("acme@huge", 1, new string('x', PortClient.MaxRequestBytes));
        await using var port = await StartPortAsync(EmptyPort(Respond.BulkOk));

        var report = await UpsertAsync(port, [huge, TestEntities.Entity("acme@small")]);

        Assert.Equal(1, report.Upserted);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("acme@huge", failure.Identifier);
        Assert.Contains("at most", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["acme@small"], Bulks(port).SelectMany(Bodies.Identifiers));
    }

    [Fact]
    public async Task UpsertAsync_WrongBlueprintOrInvalidIdentifier_IsReportedWithoutSending()
    {
        var other = TestEntities.Entity("acme@other") with { Blueprint = "m365_copilot_user" };
        var invalid = TestEntities.Entity("has space");
        await using var port = await StartPortAsync(EmptyPort(Respond.BulkOk));

        var report = await UpsertAsync(port, [other, invalid, TestEntities.Entity("acme@ok")]);

        Assert.Equal(1, report.Upserted);
        Assert.Equal(["acme@other", "has space"], report.Failures.Select(f => f.Identifier));
        Assert.Contains("m365_copilot_user", report.Failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("not valid", report.Failures[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_Bulk503Always_RetriesThenFailsEveryEntityWithTheMessage()
    {
        await using var port = await StartPortAsync(EmptyPort((context, _) =>
            Respond.Error(context, 503, "service_unavailable", "maintenance window", ("X-Trace-Id", "trace-503"))));

        var report = await UpsertAsync(port, TestEntities.Many(3));

        Assert.Equal(0, report.Upserted);
        Assert.Equal(3, report.Failed);
        Assert.All(report.Failures, f =>
        {
            Assert.Contains("503", f.Message, StringComparison.Ordinal);
            Assert.Contains("maintenance window", f.Message, StringComparison.Ordinal);
            Assert.Contains("trace-503", f.Message, StringComparison.Ordinal);
        });
        Assert.Equal(3, Bulks(port).Count);
        Assert.DoesNotContain(port.Requests, Bodies.IsSingleUpsert);
    }

    [Fact]
    public async Task UpsertAsync_Bulk500ThenOk_IsRetriedAndSucceeds()
    {
        var attempts = 0;
        await using var port = await StartPortAsync(EmptyPort((context, request) =>
            Interlocked.Increment(ref attempts) == 1 ? Respond.Error(context, 500, "internal", "boom") : Respond.BulkOk(context, request)));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Upserted);
        Assert.Equal(2, attempts);
    }

    [Theory]
    [InlineData(403, "forbidden", "Missing permissions", "lacks permission")]
    [InlineData(404, "not_found", "Blueprint with identifier \"github_copilot_usage\" was not found", "Blueprint github_copilot_usage does not exist in Port: run `copilot-ingest setup` first.")]
    [InlineData(422, "invalid_request", "The json provided does not match the route's schema", "The json provided does not match the route's schema")]
    public async Task UpsertAsync_WholeBatchRejected_ReportsEveryEntityWithAClearMessage(int status, string error, string message, string expected)
    {
        await using var port = await StartPortAsync(EmptyPort((context, _) => Respond.Error(context, status, error, message)));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Failed);
        Assert.All(report.Failures, f => Assert.Contains(expected, f.Message, StringComparison.Ordinal));
        Assert.Single(Bulks(port));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("{\"ok\":true,\"entities\":")]
    [InlineData("{\"ok\":true,\"entities\":\"nope\"}")]
    [InlineData("{\"ok\":true,\"entities\":[{\"index\":\"zero\"}]}")]
    [InlineData("null")]
    [InlineData("42")]
    public async Task UpsertAsync_MalformedBulkAnswer_ReportsEntitiesFailedWithoutJsonException(string body)
    {
        await using var port = await StartPortAsync(EmptyPort((context, _) => Respond.Json(context, 200, body)));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Failed);
        Assert.All(report.Failures, f => Assert.Contains("not the JSON expected", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_TooManyRequestsWithRetryAfter_WaitsAsAsked()
    {
        var attempts = 0;
        await using var port = await StartPortAsync(EmptyPort((context, request) =>
            Interlocked.Increment(ref attempts) == 1
                ? Respond.Error(context, 429, "too_many_requests", "slow down", ("Retry-After", "1"))
                : Respond.BulkOk(context, request)));

        var report = await UpsertAsync(port, TestEntities.Many(1));

        Assert.Equal(1, report.Upserted);
        AssertGap(port, TimeSpan.FromSeconds(0.9));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UpsertAsync_TooManyRequestsWithRateLimitReset_WaitsUntilReset(bool epoch)
    {
        var attempts = 0;
        await using var port = await StartPortAsync(EmptyPort((context, request) =>
        {
            if (Interlocked.Increment(ref attempts) > 1)
            {
                return Respond.BulkOk(context, request);
            }

            var reset = epoch
                ? (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 + 0.7).ToString("F3", System.Globalization.CultureInfo.InvariantCulture)
                : "0.7";
            return Respond.Error(context, 429, "too_many_requests", "slow down", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset));
        }));

        var report = await UpsertAsync(port, TestEntities.Many(1));

        Assert.Equal(1, report.Upserted);
        AssertGap(port, TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task UpsertAsync_RateLimitUsedUpOnSuccess_WaitsForResetBeforeNextCall()
    {
        await using var port = await StartPortAsync((context, request) =>
            Bodies.IsSearch(request)
                ? Respond.Json(context, 200, """{"ok":true,"entities":[]}""", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "0.7"), ("x-ratelimit-limit", "100"))
                : Respond.BulkOk(context, request));

        var report = await UpsertAsync(port, TestEntities.Many(1));

        Assert.Equal(1, report.Upserted);
        AssertGap(port, TimeSpan.FromSeconds(0.6));
    }

    [Fact]
    public async Task UpsertAsync_PortTooSlow_ReportsTimeout()
    {
        await using var port = await StartPortAsync(EmptyPort(async (context, _) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }));

        var report = await UpsertAsync(port, TestEntities.Many(2), o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalRequestTimeout = TimeSpan.FromSeconds(2);
            o.MaxRetryAttempts = 1;
        });

        Assert.Equal(2, report.Failed);
        Assert.All(report.Failures, f => Assert.Contains("did not answer", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_ConnectionDropped_ReportsUnreachable()
    {
        await using var port = await StartPortAsync(EmptyPort((context, _) =>
        {
            ScriptedServer.Drop(context);
            return Task.CompletedTask;
        }));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Failed);
        Assert.All(report.Failures, f => Assert.Contains("Could not reach Port", f.Message, StringComparison.Ordinal));
        Assert.Equal(3, Bulks(port).Count);
    }

    [Fact]
    public async Task UpsertAsync_MaxConcurrency2_NeverRunsMoreThanTwoBulkCallsAtOnce()
    {
        var inFlight = 0;
        var peak = 0;
        await using var port = await StartPortAsync(EmptyPort(async (context, request) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(100, context.RequestAborted);
            Interlocked.Decrement(ref inFlight);
            await Respond.BulkOk(context, request);
        }));

        var report = await UpsertAsync(port, TestEntities.Many(120), o => o.MaxConcurrency = 2);

        Assert.Equal(120, report.Upserted);
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task UpsertAsync_EntitiesAlreadyEqualInPort_AreCountedUnchangedAndNotSent()
    {
        var entities = TestEntities.Many(3);
        await using var port = await StartPortAsync((context, request) =>
        {
            if (!Bodies.IsSearch(request))
            {
                return Respond.BulkOk(context, request);
            }

            // Port's copy of entity 0 differs; 1 and 2 are equal (1 with a longer timestamp and 1.0 for 1).
            JsonObject Stored(PortEntity e, JsonNode value, string date) => new()
            {
                ["identifier"] = e.Identifier,
                ["title"] = e.Title,
                ["properties"] = new JsonObject { ["total_active_users"] = value, ["record_date"] = date, ["extra"] = "kept by merge" },
                ["relations"] = new JsonObject { ["org"] = "acme" },
            };
            return Respond.Search(context, [
                Stored(entities[0], 99, "2026-11-23T00:00:00Z"),
                Stored(entities[1], JsonValue.Create(1.0m), "2026-11-23T00:00:00.000Z"),
                Stored(entities[2], 2, "2026-11-23T00:00:00Z"),
            ]);
        });

        var report = await UpsertAsync(port, entities);

        Assert.Equal(1, report.Upserted);
        Assert.Equal(2, report.Unchanged);
        Assert.Equal(["acme@0000"], Bulks(port).SelectMany(Bodies.Identifiers));
        var search = Bodies.Object(port.Requests.First(Bodies.IsSearch));
        var rule = search["query"]!["rules"]![0]!;
        Assert.Equal("$identifier", rule["property"]!.GetValue<string>());
        Assert.Equal("in", rule["operator"]!.GetValue<string>());
        Assert.Equal(["acme@0000", "acme@0001", "acme@0002"], rule["value"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["$identifier", "$title", "total_active_users", "record_date", "org"], search["include"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task UpsertAsync_SecondIdenticalRun_WritesNothing()
    {
        var store = new StatefulEntities();
        await using var port = await StartPortAsync(store.HandleAsync);

        var first = await UpsertAsync(port, TestEntities.Many(30));
        var writesAfterFirst = port.Requests.Count(r => Bodies.IsBulkUpsert(r) || Bodies.IsSingleUpsert(r));
        var second = await UpsertAsync(port, TestEntities.Many(30));

        Assert.Equal(30, first.Upserted);
        Assert.Equal(0, second.Upserted);
        Assert.Equal(30, second.Unchanged);
        Assert.Equal(writesAfterFirst, port.Requests.Count(r => Bodies.IsBulkUpsert(r) || Bodies.IsSingleUpsert(r)));
    }

    [Fact]
    public async Task UpsertAsync_ComparisonSearchRejected_SendsTheBatchAnyway()
    {
        await using var port = await StartPortAsync((context, request) =>
            Bodies.IsSearch(request) ? Respond.Error(context, 422, "invalid_request", "unknown property in include") : Respond.BulkOk(context, request));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Upserted);
        Assert.Single(Bulks(port));
    }

    [Fact]
    public async Task UpsertAsync_ComparisonSearchFindsNoBlueprint_FailsTheBatchWithSetupHint()
    {
        await using var port = await StartPortAsync((context, _) => Respond.Error(context, 404, "not_found", "Blueprint with identifier \"github_copilot_usage\" was not found"));

        var report = await UpsertAsync(port, TestEntities.Many(2));

        Assert.Equal(2, report.Failed);
        Assert.All(report.Failures, f => Assert.StartsWith("Blueprint github_copilot_usage does not exist in Port: run `copilot-ingest setup` first.", f.Message, StringComparison.Ordinal));
        Assert.Empty(Bulks(port));
    }

    [Fact]
    public async Task UpsertAsync_EmptyStream_CallsNothing()
    {
        await using var port = await StartPortAsync(EmptyPort(Respond.BulkOk));

        var report = await UpsertAsync(port, []);

        Assert.Equal(0, report.Upserted + report.Unchanged + report.Failed);
        Assert.Empty(port.Requests);
        Assert.Equal(0, port.TokenRequests);
    }

    [Fact]
    public async Task UpsertAsync_BlueprintKeepsContentHash_WritesHashThenSecondRunOnlyLists()
    {
        var store = new StatefulEntities("total_active_users", "record_date", HeldEntities.ContentHashProperty);
        await using var port = await FakePort.StartAsync(store.HandleAsync);

        var first = await UpsertAsync(port, TestEntities.Many(45));
        var afterFirst = port.Requests.Count;
        var second = await UpsertAsync(port, TestEntities.Many(45));
        var secondRequests = port.Requests.Skip(afterFirst).ToList();

        Assert.Equal((45, 0), (first.Upserted, first.Unchanged));
        Assert.Equal((0, 45), (second.Upserted, second.Unchanged));
        Assert.All(Bulks(port).SelectMany(Bodies.Entities), e => Assert.Matches("^[0-9a-f]{32}$", e["properties"]![HeldEntities.ContentHashProperty]!.GetValue<string>()));
        Assert.Equal(["GET", "POST"], secondRequests.Select(r => r.Method));
        Assert.True(Bodies.IsBlueprintRead(secondRequests[0]));
        var listing = Bodies.Object(secondRequests[1]);
        Assert.Empty(listing["query"]!["rules"]!.AsArray());
        Assert.Equal(["$identifier", HeldEntities.ContentHashProperty], listing["include"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(1000, listing["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task UpsertAsync_OneEntityChangedSinceLastRun_SendsOnlyIt()
    {
        var store = new StatefulEntities("total_active_users", "record_date", HeldEntities.ContentHashProperty);
        await using var port = await FakePort.StartAsync(store.HandleAsync);
        await UpsertAsync(port, TestEntities.Many(30));
        var bulksBefore = Bulks(port).Count;
        var changed = TestEntities.Many(30).Select(e => e.Identifier == "acme@0007" ? TestEntities.Entity(e.Identifier, 700) : e).ToList();

        var report = await UpsertAsync(port, changed);

        Assert.Equal((1, 29), (report.Upserted, report.Unchanged));
        Assert.Equal(["acme@0007"], Bulks(port).Skip(bulksBefore).SelectMany(Bodies.Identifiers));
    }

    [Fact]
    public async Task UpsertAsync_EntityHeldWithoutHash_IsRewrittenOnceThenUnchanged()
    {
        // Written by an older version: equal values, but no content hash yet.
        var older = new StatefulEntities("total_active_users", "record_date");
        await using (var oldPort = await FakePort.StartAsync(older.HandleAsync))
        {
            await UpsertAsync(oldPort, TestEntities.Many(3));
        }

        var store = new StatefulEntities("total_active_users", "record_date", HeldEntities.ContentHashProperty);
        await using var port = await FakePort.StartAsync(store.HandleAsync);
        await UpsertAsync(port, TestEntities.Many(3));
        var upgraded = await UpsertAsync(port, TestEntities.Many(3));

        Assert.Equal((0, 3), (upgraded.Upserted, upgraded.Unchanged));
        Assert.Single(Bulks(port));
    }

    [Fact]
    public async Task UpsertAsync_BlueprintMissing_FailsEveryEntityWithSetupHintWithoutWriting()
    {
        await using var port = await FakePort.StartAsync((context, request) =>
            Bodies.IsBlueprintRead(request) ? Respond.Error(context, 404, "not_found", "Blueprint not found") : Respond.BulkOk(context, request));

        var report = await UpsertAsync(port, TestEntities.Many(25));

        Assert.Equal(25, report.Failed);
        Assert.All(report.Failures, f => Assert.StartsWith($"Blueprint {Blueprint} does not exist in Port: run `copilot-ingest setup` first.", f.Message, StringComparison.Ordinal));
        Assert.Single(port.Requests);
    }

    private static void AssertGap(FakePort port, TimeSpan minimum)
    {
        var writes = port.Calls.Where(c => Bodies.IsBulkUpsert(c.Request) || Bodies.IsSearch(c.Request)).Select(c => c.At).ToList();
        var gaps = writes.Zip(writes.Skip(1), (a, b) => b - a).ToList();
        Assert.Contains(gaps, g => g >= minimum);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
