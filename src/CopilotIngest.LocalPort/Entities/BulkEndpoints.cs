using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Json;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Entities;

/// <summary>
/// Bulk routes. Upsert takes 1..20 entities: a body that breaks the route's schema (a bad identifier included) fails the whole
/// request with 422; each entity that breaks its blueprint fails alone, answered 207 with the others stored.
/// Delete takes 1..100 identifiers and deletes all of them or none.
/// </summary>
internal sealed class BulkEndpoints(LocalPortState state)
{
    public const int MaxUpsert = 20;
    public const int MaxDelete = 100;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("POST", "/v1/blueprints/{blueprint}/entities/bulk", UpsertAsync);
        routes.MapPort("POST", "/v1/blueprints/{blueprint}/bulk/entities/delete", DeleteAsync);
    }

    private async Task<IResult> UpsertAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var (flags, flagError) = EndpointSupport.Flags(context, "upsert", "merge", "create_missing_related_entities", "validation_only");
        var (body, error) = flagError is null ? await EndpointSupport.ReadObjectAsync(context) : (null, flagError);
        if (body is null)
        {
            return error!.ToResult();
        }

        var problems = new Problems();
        var items = ReadArray(body, MaxUpsert, problems);
        var inputs = new List<EntityInput>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (EntityInput.Parse(items![i], $"body/entities/{i}", null, problems) is { } input)
            {
                inputs.Add(input);
            }
        }

        if (EndpointSupport.Invalid(problems) is { } invalid)
        {
            return invalid.ToResult();
        }

        var options = new EntityWriteOptions(flags[0], flags[0] && flags[1], flags[2], flags[3]);
        return await state.Database.WriteAsync(async session =>
        {
            var stored = await BlueprintRows.GetAsync(session, blueprintId, context.RequestAborted);
            if (stored is null)
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var blueprint = BlueprintDefinition.From(stored);
            var writer = state.Writer();
            var written = new List<BulkEntityResult>();
            var failed = new List<BulkEntityError>();
            for (var index = 0; index < inputs.Count; index++)
            {
                var result = await writer.WriteAsync(session, blueprint, inputs[index], options, context.RequestAborted);
                if (result.Error is { } failure)
                {
                    failed.Add(new BulkEntityError(result.Identifier, index, failure.StatusCode, failure.Code, failure.Message));
                }
                else
                {
                    written.Add(new BulkEntityResult(result.Created, result.Identifier, index));
                }
            }

            var status = failed.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus;
            var response = new BulkUpsertResponse(written.Count > 0, written, failed);
            return (IResult)JsonBytesResult.From(status, response, LocalPortJsonContext.Default.BulkUpsertResponse);
        }, context.RequestAborted);
    }

    private async Task<IResult> DeleteAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var (flags, flagError) = EndpointSupport.Flags(context, "delete_dependents");
        var (body, error) = flagError is null ? await EndpointSupport.ReadObjectAsync(context) : (null, flagError);
        if (body is null)
        {
            return error!.ToResult();
        }

        var problems = new Problems();
        var items = ReadArray(body, MaxDelete, problems);
        var identifiers = new List<string>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (Problems.IsString(items![i], out var identifier) && identifier.Length > 0)
            {
                identifiers.Add(identifier);
            }
            else
            {
                problems.Add($"body/entities/{i}", "must be string");
            }
        }

        if (EndpointSupport.Invalid(problems) is { } invalid)
        {
            return invalid.ToResult();
        }

        return await state.Database.WriteAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, blueprintId, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var (deleted, failure) = await state.Deleter().DeleteAsync(session, blueprintId, identifiers, flags[0], true, context.RequestAborted);
            return failure?.ToResult()
                ?? JsonBytesResult.From(StatusCodes.Status200OK, new BulkDeleteResponse(true, deleted), LocalPortJsonContext.Default.BulkDeleteResponse);
        }, context.RequestAborted);
    }

    /// <summary>Reads <c>{"entities": [...]}</c> with 1..<paramref name="max"/> items and nothing else in the body.</summary>
    private static JsonArray? ReadArray(JsonObject body, int max, Problems problems)
    {
        foreach (var key in body.Select(p => p.Key).Where(k => k != "entities"))
        {
            problems.Add("body", $"must NOT have additional properties ('{key}')");
        }

        switch (body["entities"])
        {
            case JsonArray { Count: 0 }:
                problems.Add("body/entities", "must NOT have fewer than 1 items");
                return null;
            case JsonArray { Count: var count } when count > max:
                problems.Add("body/entities", $"must NOT have more than {max} items (got {count})");
                return null;
            case JsonArray array:
                return array;
            case null:
                problems.Add("body", "must have required property 'entities'");
                return null;
            default:
                problems.Add("body/entities", "must be array");
                return null;
        }
    }
}
