using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;
using CopilotIngest.LocalPort;
using CopilotIngest.LocalPort.Faults;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

/// <summary>
/// Requests the sink sends to the local Port, counted by the server: a first run costs about one request per 20
/// entities, an unchanged re-run only the listing (about one request per 1,000 entities).
/// </summary>
public sealed class DeltaSyncRequestTests : IAsyncDisposable
{
    private const string Blueprint = "delta_sync_usage";
    private const int Entities = 3000;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("delta-sync-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task UpsertAsync_FirstRunThenUnchangedRerun_AtMost110PercentOfOnePer20ThenUnder5Percent()
    {
        await using var server = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory.FullName, "port.db") }, Ct);
        await using var services = PortServices.Create(server.BaseAddress, settings: new Dictionary<string, string?>
        {
            ["PORT_CLIENT_ID"] = server.ClientId,
            ["PORT_CLIENT_SECRET"] = server.ClientSecret,
        });
        await services.GetRequiredService<PortClient>().CreateBlueprintAsync(BlueprintJson(), Ct);
        var sink = services.GetRequiredService<IEntitySink>();
        server.Faults.Enqueue(new Fault("/v1/", StatusCode: null, Times: 1_000_000));

        var first = await sink.UpsertAsync(Blueprint, Stream(Make(Entities)), Ct);
        var firstRequests = server.Faults.Triggered;
        var second = await sink.UpsertAsync(Blueprint, Stream(Make(Entities)), Ct);
        var secondRequests = server.Faults.Triggered - firstRequests;
        var changed = Make(Entities).Select(e => e.Identifier.EndsWith('7') ? e with { Title = e.Title + " (renamed)" } : e).ToList();
        var third = await sink.UpsertAsync(Blueprint, Stream(changed), Ct);
        var thirdRequests = server.Faults.Triggered - firstRequests - secondRequests;

        Assert.Equal((Entities, 0, 0), (first.Upserted, first.Unchanged, first.Failed));
        Assert.Equal((0, Entities, 0), (second.Upserted, second.Unchanged, second.Failed));
        Assert.Equal((Entities / 10, Entities - Entities / 10), (third.Upserted, third.Unchanged));
        var floor = Entities / PortClient.MaxBulkEntities;
        Assert.True(firstRequests <= (1.10 * floor) + 5, $"first run sent {firstRequests} requests for {Entities} entities (floor {floor})");
        Assert.True(secondRequests <= 0.05 * firstRequests, $"unchanged re-run sent {secondRequests} requests, first run {firstRequests}");
        Assert.True(thirdRequests <= (floor / 10) + secondRequests, $"re-run with {Entities / 10} changed sent {thirdRequests} requests");
        Assert.Equal(Entities, await server.CountEntitiesAsync(Blueprint, Ct));
        var stored = await server.GetEntityAsync(Blueprint, "e00007", Ct);
        Assert.Equal("Entity 7 (renamed)", stored!["title"]!.GetValue<string>());
    }

    private static List<PortEntity> Make(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PortEntity(
            Blueprint,
            $"e{i:D5}",
            $"Entity {i}",
            new JsonObject { ["total_active_users"] = i, ["record_date"] = "2026-11-23T00:00:00Z" }))];

    private static async IAsyncEnumerable<PortEntity> Stream(IEnumerable<PortEntity> entities)
    {
        await Task.Yield();
        foreach (var entity in entities)
        {
            yield return entity;
        }
    }

    private static JsonObject BlueprintJson() => new()
    {
        ["identifier"] = Blueprint,
        ["title"] = "Delta sync usage",
        ["schema"] = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["total_active_users"] = new JsonObject { ["type"] = "number", ["title"] = "Active users" },
                ["record_date"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["title"] = "Day" },
                [HeldEntities.ContentHashProperty] = new JsonObject { ["type"] = "string", ["title"] = "Content hash" },
            },
            ["required"] = new JsonArray(),
        },
    };
}
