using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;
using Microsoft.Data.Sqlite;

namespace CopilotIngest.LocalPort.Storage;

/// <summary>The <c>entities</c> table (one JSON document per entity) and the relation index beside it.</summary>
internal static class EntityRows
{
    /// <summary>Appended to a prefix, bounds every identifier that starts with it (UTF-8 order is code point order).</summary>
    private const string MaxCodePoint = "\U0010FFFF";

    public static async Task<JsonObject?> GetAsync(DbSession session, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT body FROM entities WHERE blueprint = $bp AND identifier = $id");
        command.Parameters.AddWithValue("$bp", blueprint);
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? JsonText.ParseObject(text) : null;
    }

    public static async Task<bool> ExistsAsync(DbSession session, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT 1 FROM entities WHERE blueprint = $bp AND identifier = $id");
        command.Parameters.AddWithValue("$bp", blueprint);
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public static async Task<long> CountAsync(DbSession session, string blueprint, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT COUNT(*) FROM entities WHERE blueprint = $bp");
        command.Parameters.AddWithValue("$bp", blueprint);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Writes the entity and re-indexes its relations (<paramref name="relationTargets"/>: relation → target blueprint).</summary>
    public static async Task PutAsync(DbSession session, string blueprint, string identifier, JsonObject body, IReadOnlyDictionary<string, string> relationTargets, CancellationToken cancellationToken)
    {
        await using (var command = session.Command(
            "INSERT INTO entities (blueprint, identifier, body) VALUES ($bp, $id, $body) "
            + "ON CONFLICT (blueprint, identifier) DO UPDATE SET body = excluded.body"))
        {
            command.Parameters.AddWithValue("$bp", blueprint);
            command.Parameters.AddWithValue("$id", identifier);
            command.Parameters.AddWithValue("$body", JsonText.ToText(body));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await DeleteRelationsAsync(session, blueprint, identifier, cancellationToken);
        if (body["relations"] is not JsonObject relations)
        {
            return;
        }

        foreach (var (relation, value) in relations)
        {
            if (!relationTargets.TryGetValue(relation, out var target))
            {
                continue;
            }

            foreach (var targetIdentifier in RelationValues(value))
            {
                await using var insert = session.Command(
                    "INSERT OR IGNORE INTO entity_relations (source_blueprint, source_identifier, relation, target_blueprint, target_identifier) "
                    + "VALUES ($bp, $id, $rel, $tbp, $tid)");
                insert.Parameters.AddWithValue("$bp", blueprint);
                insert.Parameters.AddWithValue("$id", identifier);
                insert.Parameters.AddWithValue("$rel", relation);
                insert.Parameters.AddWithValue("$tbp", target);
                insert.Parameters.AddWithValue("$tid", targetIdentifier);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public static async Task<bool> DeleteAsync(DbSession session, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        await DeleteRelationsAsync(session, blueprint, identifier, cancellationToken);
        await using var command = session.Command("DELETE FROM entities WHERE blueprint = $bp AND identifier = $id");
        command.Parameters.AddWithValue("$bp", blueprint);
        command.Parameters.AddWithValue("$id", identifier);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Streams the entities of <paramref name="blueprint"/> (all blueprints when null) in identifier order, after
    /// <paramref name="after"/> and starting with <paramref name="prefix"/> when given.
    /// </summary>
    public static IAsyncEnumerable<JsonObject> ScanAsync(
        DbSession session,
        string? blueprint,
        string? after,
        string? prefix,
        CancellationToken cancellationToken) =>
        ReadAsync(session, blueprint, null, after, prefix, cancellationToken);

    /// <summary>
    /// Streams the entities of <paramref name="blueprint"/> among <paramref name="identifiers"/> in identifier order (as
    /// <see cref="ScanAsync"/> does), each read by primary key: the cost follows the number of identifiers, not the blueprint's size.
    /// </summary>
    public static IAsyncEnumerable<JsonObject> LookupAsync(
        DbSession session,
        string blueprint,
        IReadOnlyCollection<string> identifiers,
        string? after,
        string? prefix,
        CancellationToken cancellationToken) =>
        identifiers.Count == 0
            ? AsyncEnumerable.Empty<JsonObject>()
            : ReadAsync(session, blueprint, identifiers, after, prefix, cancellationToken);

    private static async IAsyncEnumerable<JsonObject> ReadAsync(
        DbSession session,
        string? blueprint,
        IReadOnlyCollection<string>? identifiers,
        string? after,
        string? prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = ReadCommand(session, blueprint, identifiers, after, prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return JsonText.ParseObject(reader.GetString(0));
        }
    }

    /// <summary>The query behind <see cref="ScanAsync"/> and <see cref="LookupAsync"/> (internal so its plan can be checked).</summary>
    internal static SqliteCommand ReadCommand(DbSession session, string? blueprint, IReadOnlyCollection<string>? identifiers, string? after, string? prefix)
    {
        // Only the conditions in use go into the SQL, so SQLite walks the primary key instead of scanning and sorting.
        var conditions = new List<string>();
        var command = session.Command(string.Empty);
        if (blueprint is not null)
        {
            conditions.Add("blueprint = $bp");
            command.Parameters.AddWithValue("$bp", blueprint);
        }

        if (identifiers is not null)
        {
            // One JSON array parameter: any number of identifiers, each probed in the primary key.
            conditions.Add("identifier IN (SELECT value FROM json_each($ids))");
            command.Parameters.AddWithValue("$ids", JsonText.ToText(new JsonArray([.. identifiers.Select(id => (JsonNode)id)])));
        }

        // With a list, the bounds only filter: "+" keeps SQLite from walking the bounded key range instead of probing the list.
        var column = identifiers is null ? "identifier" : "+identifier";
        if (after is not null)
        {
            conditions.Add($"{column} > $after");
            command.Parameters.AddWithValue("$after", after);
        }

        if (prefix is not null)
        {
            conditions.Add($"{column} >= $prefix AND {column} < $prefixEnd");
            command.Parameters.AddWithValue("$prefix", prefix);
            command.Parameters.AddWithValue("$prefixEnd", prefix + MaxCodePoint);
        }

        command.CommandText = "SELECT body FROM entities"
            + (conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions))
            + " ORDER BY blueprint, identifier";
        return command;
    }

    /// <summary>Entities whose relations point at (blueprint, identifier).</summary>
    public static async Task<IReadOnlyList<Dependent>> DependentsAsync(DbSession session, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "SELECT source_blueprint, source_identifier, relation FROM entity_relations "
            + "WHERE target_blueprint = $bp AND target_identifier = $id ORDER BY source_blueprint, source_identifier, relation");
        command.Parameters.AddWithValue("$bp", blueprint);
        command.Parameters.AddWithValue("$id", identifier);
        var result = new List<Dependent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Dependent(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return result;
    }

    /// <summary>Entities that (blueprint, identifier) points at.</summary>
    public static async Task<IReadOnlyList<EntityKey>> TargetsAsync(DbSession session, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "SELECT target_blueprint, target_identifier FROM entity_relations WHERE source_blueprint = $bp AND source_identifier = $id");
        command.Parameters.AddWithValue("$bp", blueprint);
        command.Parameters.AddWithValue("$id", identifier);
        var result = new List<EntityKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new EntityKey(reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    /// <summary>The identifiers a stored relation value holds: a string, an array of strings, or nothing.</summary>
    public static IEnumerable<string> RelationValues(JsonNode? value) => value switch
    {
        JsonValue single when single.TryGetValue<string>(out var text) => [text],
        JsonArray many => many.Select(v => v is JsonValue item && item.TryGetValue<string>(out var text) ? text : null).OfType<string>(),
        _ => [],
    };

    private static async Task DeleteRelationsAsync(DbSession session, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        await using var command = session.Command("DELETE FROM entity_relations WHERE source_blueprint = $bp AND source_identifier = $id");
        command.Parameters.AddWithValue("$bp", blueprint);
        command.Parameters.AddWithValue("$id", identifier);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
