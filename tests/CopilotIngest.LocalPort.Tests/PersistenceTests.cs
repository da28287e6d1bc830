using Microsoft.Data.Sqlite;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Restart_SameDatabaseFile_KeepsBlueprintsEntitiesPagesAndScorecards()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk?upsert=true", Samples.Bulk(Samples.Seat("a", 1), Samples.Seat("b", 2)));
        await port.CallAsync(HttpMethod.Post, "/v1/pages", """{"identifier":"dash","title":"Dash","type":"dashboard","widgets":[]}""");
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/scorecards",
            """{"identifier":"health","title":"Health","rules":[{"identifier":"has-total","title":"Has total","level":"Gold","query":{"combinator":"and","conditions":[{"property":"total","operator":">","value":0}]}}]}""");
        var before = await port.GetEntityAsync("seats", "b");

        await port.RestartAsync();

        Assert.Equal(2, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
        Assert.Equal(before.ToJsonString(), (await port.GetEntityAsync("seats", "b")).ToJsonString());
        Assert.Equal(200, (await port.CallAsync(HttpMethod.Get, "/v1/pages/dash")).Status);
        Assert.Equal(200, (await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats/scorecards/health")).Status);
        Assert.Equal(409, (await port.CallAsync(HttpMethod.Post, "/v1/blueprints", Samples.SeatsBlueprint)).Status);
    }

    [Fact]
    public async Task Restart_EntitiesInWithoutRowidTableOfEarlierVersions_AreMovedToTheRowidTableIntact()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/bulk?upsert=true", Samples.Bulk(Samples.Seat("b", 2), Samples.Seat("a", 1), Samples.Seat("c", 3)));
        var before = await port.GetEntityAsync("seats", "b");
        await port.Server.DisposeAsync();
        await ExecuteAsync(port.DatabasePath, """
            CREATE TABLE entities_old (blueprint TEXT NOT NULL, identifier TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (blueprint, identifier)) WITHOUT ROWID;
            INSERT INTO entities_old SELECT blueprint, identifier, body FROM entities;
            DROP TABLE entities;
            ALTER TABLE entities_old RENAME TO entities;
            """);
        Assert.Contains("WITHOUT ROWID", await EntitiesTableSqlAsync(port.DatabasePath), StringComparison.Ordinal);

        await port.RestartAsync();
        await port.RestartAsync();

        Assert.DoesNotContain("WITHOUT ROWID", await EntitiesTableSqlAsync(port.DatabasePath), StringComparison.Ordinal);
        Assert.Equal(3, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
        Assert.Equal(before.ToJsonString(), (await port.GetEntityAsync("seats", "b")).ToJsonString());
        var (_, found) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities/search",
            """{"query":{"combinator":"and","rules":[{"property":"$identifier","operator":"in","value":["c","a"]}]}}""");
        Assert.Equal("a,c", Samples.Ids(found));
        Assert.Equal(409, (await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", Samples.Seat("a", 1))).Status);
    }

    [Fact]
    public async Task Database_UsesWriteAheadLog()
    {
        await using var port = await TestPort.StartAsync();

        await using var connection = new SqliteConnection($"Data Source={port.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestPort.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(TestPort.Ct));
        Assert.Equal(Path.GetFullPath(port.DatabasePath), port.Server.DatabasePath);
    }

    [Fact]
    public async Task Start_DatabaseInMissingDirectory_CreatesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "localport-tests", Guid.NewGuid().ToString("N"), "nested", "deeper");
        try
        {
            await using var port = await TestPort.StartAsync(directory: directory);

            Assert.True(File.Exists(port.DatabasePath));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, recursive: true);
        }
    }

    [Fact]
    public async Task ReadApi_ReportsWhatIsStored()
    {
        await using var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", Samples.Seat("a", 1));
        await port.CallAsync(HttpMethod.Post, "/v1/pages", """{"identifier":"dash","title":"Dash","type":"dashboard"}""");

        Assert.Equal(1, await port.Server.CountEntitiesAsync("seats", TestPort.Ct));
        Assert.Equal(0, await port.Server.CountEntitiesAsync("ghost", TestPort.Ct));
        Assert.Equal(1, (await port.Server.GetEntityAsync("seats", "a", TestPort.Ct))!["properties"]!["total"]!.GetValue<int>());
        Assert.Null(await port.Server.GetEntityAsync("seats", "ghost", TestPort.Ct));
        Assert.Equal("dash", (await port.Server.ListPagesAsync(TestPort.Ct)).Single()["identifier"]!.GetValue<string>());
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(TestPort.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestPort.Ct);
    }

    private static async Task<string> EntitiesTableSqlAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestPort.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entities'";
        return (string)(await command.ExecuteScalarAsync(TestPort.Ct))!;
    }
}
