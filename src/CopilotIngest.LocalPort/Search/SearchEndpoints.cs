using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Search;

/// <summary>
/// <c>POST /v1/blueprints/{bp}/entities/search</c> (paged: <c>limit</c> 1..1000, default 200; <c>next</c>/<c>from</c> cursor) and
/// <c>POST /v1/entities/search</c> (body = query, across blueprints, not paged).
/// </summary>
internal sealed class SearchEndpoints(LocalPortState state)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    private static readonly HashSet<string> s_bodyKeys = new HashSet<string>(StringComparer.Ordinal) { "query", "include", "exclude", "limit", "from" };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("POST", "/v1/blueprints/{blueprint}/entities/search", SearchBlueprintAsync);
        routes.MapPort("POST", "/v1/entities/search", SearchAllAsync);
    }

    private async Task<IResult> SearchBlueprintAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        var problems = new Problems();
        foreach (var key in body.Select(p => p.Key).Where(k => !s_bodyKeys.Contains(k)))
        {
            problems.Add("body", $"must NOT have additional properties ('{key}')");
        }

        var query = body["query"] is null
            ? new SearchGroup(true, [])
            : SearchQueryParser.Parse(body["query"], "body/query", problems);
        var include = ReadNames(body["include"], "body/include", problems);
        var exclude = ReadNames(body["exclude"], "body/exclude", problems);
        var limit = ReadLimit(body["limit"], problems);
        string? after = null;
        if (body["from"] is { } from && (!Problems.IsString(from, out var cursor) || !SearchCursor.TryDecode(cursor, out after)))
        {
            problems.Add("body/from", "must be a 'next' value returned by a previous search");
        }

        if (EndpointSupport.Invalid(problems) is { } invalid)
        {
            return invalid.ToResult();
        }

        return await state.Database.ReadAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, blueprintId, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var page = await SearchExecutor.SearchAsync(session, blueprintId, query!, limit, after, state.Time.GetUtcNow(), context.RequestAborted);
            var projection = new EntityProjection(include, exclude);
            var response = new JsonObject
            {
                ["ok"] = true,
                ["entities"] = new JsonArray([.. page.Entities.Select(e => (JsonNode)projection.Apply(e))]),
            };
            if (page.Next is not null)
            {
                response["next"] = page.Next;
            }

            return EndpointSupport.Json(StatusCodes.Status200OK, response);
        }, context.RequestAborted);
    }

    private async Task<IResult> SearchAllAsync(HttpContext context)
    {
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        var problems = new Problems();
        var query = SearchQueryParser.Parse(body, "body", problems);
        if (EndpointSupport.Invalid(problems) is { } invalid)
        {
            return invalid.ToResult();
        }

        var projection = new EntityProjection(RequestValues.List(context, "include"), RequestValues.List(context, "exclude"));
        var known = await state.Database.ReadAsync(session => BlueprintRows.IdentifiersAsync(session, context.RequestAborted), context.RequestAborted);
        var blueprints = SearchExecutor.Blueprints(query!)?.Where(known.Contains).ToList() ?? [.. known.Order(StringComparer.Ordinal)];
        var now = state.Time.GetUtcNow();
        return new EntityStreamResult(async (writer, cancellationToken) =>
        {
            await using var connection = await state.Database.OpenConnectionAsync(cancellationToken);
            var session = new DbSession(connection, null);
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WriteStartArray("matchingBlueprints");
            blueprints.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteStartArray("entities");
            var written = 0;
            foreach (var blueprint in blueprints)
            {
                await foreach (var entity in SearchExecutor.StreamAsync(session, blueprint, query!, now, cancellationToken))
                {
                    projection.Apply(entity).WriteTo(writer);
                    if (++written % EntityStreamResult.FlushEvery == 0)
                    {
                        await writer.FlushAsync(cancellationToken);
                    }
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static List<string> ReadNames(JsonNode? node, string path, Problems problems)
    {
        if (node is null)
        {
            return [];
        }

        if (node is JsonArray array && array.All(n => Problems.IsString(n, out _)))
        {
            return [.. array.Select(n => n!.GetValue<string>())];
        }

        problems.Add(path, "must be array of strings");
        return [];
    }

    private static int ReadLimit(JsonNode? node, Problems problems)
    {
        if (node is null)
        {
            return DefaultLimit;
        }

        if (!Problems.IsNumber(node, out var limit) || limit != Math.Floor(limit))
        {
            problems.Add("body/limit", "must be integer");
        }
        else if (limit is < 1 or > MaxLimit)
        {
            problems.Add("body/limit", $"must be >= 1 and <= {MaxLimit}");
        }
        else
        {
            return (int)limit;
        }

        return DefaultLimit;
    }
}
