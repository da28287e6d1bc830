using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;

namespace CopilotIngest.LocalPort.Storage;

/// <summary>The <c>blueprints</c> table: one JSON document per blueprint identifier.</summary>
internal static class BlueprintRows
{
    public static async Task<JsonObject?> GetAsync(DbSession session, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT body FROM blueprints WHERE identifier = $id");
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? JsonText.ParseObject(text) : null;
    }

    public static async Task<bool> ExistsAsync(DbSession session, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT 1 FROM blueprints WHERE identifier = $id");
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public static async IAsyncEnumerable<JsonObject> ListAsync(DbSession session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT body FROM blueprints ORDER BY identifier");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return JsonText.ParseObject(reader.GetString(0));
        }
    }

    public static async Task<HashSet<string>> IdentifiersAsync(DbSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT identifier FROM blueprints");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public static async Task PutAsync(DbSession session, string identifier, JsonObject body, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "INSERT INTO blueprints (identifier, body) VALUES ($id, $body) ON CONFLICT (identifier) DO UPDATE SET body = excluded.body");
        command.Parameters.AddWithValue("$id", identifier);
        command.Parameters.AddWithValue("$body", JsonText.ToText(body));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<bool> DeleteAsync(DbSession session, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("DELETE FROM blueprints WHERE identifier = $id");
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
