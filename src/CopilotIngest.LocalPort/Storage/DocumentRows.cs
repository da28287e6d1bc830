using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;

namespace CopilotIngest.LocalPort.Storage;

/// <summary>The <c>documents</c> table: pages (scope empty) and scorecards (scope = blueprint), stored as given.</summary>
internal static class DocumentRows
{
    public const string Page = "page";
    public const string Scorecard = "scorecard";

    public static async Task<JsonObject?> GetAsync(DbSession session, string kind, string scope, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT body FROM documents WHERE kind = $kind AND scope = $scope AND identifier = $id");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? JsonText.ParseObject(text) : null;
    }

    /// <summary>Lists documents of a kind; all scopes when <paramref name="scope"/> is null.</summary>
    public static async IAsyncEnumerable<JsonObject> ListAsync(DbSession session, string kind, string? scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "SELECT body FROM documents WHERE kind = $kind AND ($scope IS NULL OR scope = $scope) ORDER BY scope, identifier");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$scope", (object?)scope ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return JsonText.ParseObject(reader.GetString(0));
        }
    }

    public static async Task PutAsync(DbSession session, string kind, string scope, string identifier, JsonObject body, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "INSERT INTO documents (kind, scope, identifier, body) VALUES ($kind, $scope, $id, $body) "
            + "ON CONFLICT (kind, scope, identifier) DO UPDATE SET body = excluded.body");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$id", identifier);
        command.Parameters.AddWithValue("$body", JsonText.ToText(body));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> DeleteAsync(DbSession session, string kind, string scope, string? identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "DELETE FROM documents WHERE kind = $kind AND scope = $scope AND ($id IS NULL OR identifier = $id)");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$id", (object?)identifier ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
