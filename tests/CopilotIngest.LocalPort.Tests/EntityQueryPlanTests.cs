using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

/// <summary>Entity reads use the primary key: lookups probe it per identifier, scans walk a key range, neither sorts.</summary>
public sealed class EntityQueryPlanTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("org10", null)]
    [InlineData(null, "org")]
    [InlineData("org10", "org")]
    public async Task ReadCommand_IdentifierList_ProbesThePrimaryKeyForEachIdentifier(string? after, string? prefix)
    {
        var plan = await PlanAsync(["org01", "org02"], after, prefix);

        Assert.Contains(plan, step => step.StartsWith("SEARCH entities USING ", StringComparison.Ordinal) && step.EndsWith(" (blueprint=? AND identifier=?)", StringComparison.Ordinal));
        AssertNoScanOrSort(plan);
    }

    [Theory]
    [InlineData("org10", null, "identifier>?")]
    [InlineData(null, "org", "identifier>? AND identifier<?")]
    [InlineData("org10", "org", "identifier>? AND identifier<?")]
    public async Task ReadCommand_CursorOrPrefix_WalksAKeyRange(string? after, string? prefix, string range)
    {
        var plan = await PlanAsync(null, after, prefix);

        Assert.Contains(plan, step => step.StartsWith("SEARCH entities USING ", StringComparison.Ordinal) && step.EndsWith($" (blueprint=? AND {range})", StringComparison.Ordinal));
        AssertNoScanOrSort(plan);
    }

    private static void AssertNoScanOrSort(List<string> plan)
    {
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN entities", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(string[]? identifiers, string? after, string? prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), "localport-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using var database = await LocalPortDatabase.OpenAsync(Path.Combine(directory, "port.db"), TestPort.Ct);
            return await database.ReadAsync(async session =>
            {
                await using var command = EntityRows.ReadCommand(session, "seats", identifiers, after, prefix);
                command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                await using var reader = await command.ExecuteReaderAsync(TestPort.Ct);
                var steps = new List<string>();
                while (await reader.ReadAsync(TestPort.Ct))
                {
                    steps.Add(reader.GetString(3));
                }

                return steps;
            }, TestPort.Ct);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
