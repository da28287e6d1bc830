using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Entities;

/// <summary>Single-entity routes: create/upsert, get, replace (PUT), merge (PATCH), delete, list all, count.</summary>
internal sealed class EntityEndpoints(LocalPortState state)
{
    private const string Base = "/v1/blueprints/{blueprint}";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("POST", Base + "/entities", CreateAsync);
        routes.MapPort("GET", Base + "/entities", ListAsync);
        routes.MapPort("GET", Base + "/entities-count", CountAsync);
        routes.MapPort("GET", Base + "/entities/{entity}", GetAsync);
        routes.MapPort("PUT", Base + "/entities/{entity}", context => ChangeAsync(context, merge: false));
        routes.MapPort("PATCH", Base + "/entities/{entity}", context => ChangeAsync(context, merge: true));
        routes.MapPort("DELETE", Base + "/entities/{entity}", DeleteAsync);
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var (flags, flagError) = EndpointSupport.Flags(context, "upsert", "merge", "create_missing_related_entities", "validation_only");
        if (flagError is not null)
        {
            return flagError.ToResult();
        }

        return await WriteAsync(context, null, new EntityWriteOptions(flags[0], flags[0] && flags[1], flags[2], flags[3]));
    }

    private Task<IResult> ChangeAsync(HttpContext context, bool merge)
    {
        var (flags, flagError) = EndpointSupport.Flags(context, "create_missing_related_entities", "validation_only");
        return flagError is not null
            ? Task.FromResult(flagError.ToResult())
            : WriteAsync(context, RequestValues.Route(context, "entity"), new EntityWriteOptions(true, merge, flags[0], flags[1]) { MustExist = true });
    }

    private async Task<IResult> WriteAsync(HttpContext context, string? identifierFromPath, EntityWriteOptions options)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var (body, error) = await RequestBody.ReadAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        var problems = new Problems();
        var input = EntityInput.Parse(body, "body", identifierFromPath, problems);
        if (input is null)
        {
            return PortError.InvalidBody(problems.ToString()).ToResult();
        }

        return await state.Database.WriteAsync(async session =>
        {
            var stored = await BlueprintRows.GetAsync(session, blueprintId, context.RequestAborted);
            if (stored is null)
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var result = await state.Writer().WriteAsync(session, BlueprintDefinition.From(stored), input, options, context.RequestAborted);
            if (result.Error is not null)
            {
                return result.Error.ToResult();
            }

            var status = result.Created && !options.ValidationOnly ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            return EndpointSupport.Json(status, new JsonObject { ["ok"] = true, ["entity"] = result.Entity });
        }, context.RequestAborted);
    }

    private Task<IResult> GetAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var identifier = RequestValues.Route(context, "entity");
        var projection = new EntityProjection(RequestValues.List(context, "include"), RequestValues.List(context, "exclude"));
        return state.Database.ReadAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, blueprintId, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var entity = await EntityRows.GetAsync(session, blueprintId, identifier, context.RequestAborted);
            return entity is null
                ? PortError.NotFound($"Entity with identifier \"{identifier}\" of blueprint \"{blueprintId}\" was not found").ToResult()
                : EndpointSupport.Ok("entity", projection.Apply(entity));
        }, context.RequestAborted);
    }

    private async Task<IResult> ListAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var projection = new EntityProjection(RequestValues.List(context, "include"), RequestValues.List(context, "exclude"));
        var exists = await state.Database.ReadAsync(session => BlueprintRows.ExistsAsync(session, blueprintId, context.RequestAborted), context.RequestAborted);
        if (!exists)
        {
            return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
        }

        return new EntityStreamResult(async (writer, cancellationToken) =>
        {
            await using var connection = await state.Database.OpenConnectionAsync(cancellationToken);
            var session = new DbSession(connection, null);
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WriteStartArray("entities");
            var written = 0;
            await foreach (var entity in EntityRows.ScanAsync(session, blueprintId, null, null, cancellationToken))
            {
                projection.Apply(entity).WriteTo(writer);
                if (++written % EntityStreamResult.FlushEvery == 0)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private Task<IResult> CountAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        return state.Database.ReadAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, blueprintId, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var count = await EntityRows.CountAsync(session, blueprintId, context.RequestAborted);
            return JsonBytesResult.From(StatusCodes.Status200OK, new Json.CountResponse(true, count), Json.LocalPortJsonContext.Default.CountResponse);
        }, context.RequestAborted);
    }

    private Task<IResult> DeleteAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var identifier = RequestValues.Route(context, "entity");
        var (flags, flagError) = EndpointSupport.Flags(context, "delete_dependents");
        if (flagError is not null)
        {
            return Task.FromResult(flagError.ToResult());
        }

        return state.Database.WriteAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, blueprintId, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var (deleted, error) = await state.Deleter().DeleteAsync(session, blueprintId, [identifier], flags[0], false, context.RequestAborted);
            if (error is not null)
            {
                return error.ToResult();
            }

            return deleted.Count == 0
                ? PortError.NotFound($"Entity with identifier \"{identifier}\" of blueprint \"{blueprintId}\" was not found").ToResult()
                : EndpointSupport.Ok();
        }, context.RequestAborted);
    }
}
