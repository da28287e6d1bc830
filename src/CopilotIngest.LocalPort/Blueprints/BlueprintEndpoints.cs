using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Blueprints;

/// <summary><c>/v1/blueprints</c>: list, create (201, 409 when taken), get, replace (PUT), patch, delete (refused while entities exist).</summary>
internal sealed class BlueprintEndpoints(LocalPortState state)
{
    private static readonly string[] s_targetSections = ["relations", "aggregationProperties"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("GET", "/v1/blueprints", ListAsync);
        routes.MapPort("POST", "/v1/blueprints", CreateAsync);
        routes.MapPort("GET", "/v1/blueprints/{blueprint}", GetAsync);
        routes.MapPort("PUT", "/v1/blueprints/{blueprint}", context => UpdateAsync(context, patch: false));
        routes.MapPort("PATCH", "/v1/blueprints/{blueprint}", context => UpdateAsync(context, patch: true));
        routes.MapPort("DELETE", "/v1/blueprints/{blueprint}", DeleteAsync);
        routes.MapPort("DELETE", "/v1/blueprints/{blueprint}/all-entities", DeleteAllEntitiesAsync);
    }

    private Task<IResult> ListAsync(HttpContext context) =>
        state.Database.ReadAsync(async session =>
        {
            var list = new JsonArray();
            await foreach (var blueprint in BlueprintRows.ListAsync(session, context.RequestAborted))
            {
                list.Add(blueprint);
            }

            return EndpointSupport.Ok("blueprints", list);
        }, context.RequestAborted);

    private Task<IResult> GetAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "blueprint");
        return state.Database.ReadAsync(async session =>
            await BlueprintRows.GetAsync(session, identifier, context.RequestAborted) is { } blueprint
                ? EndpointSupport.Ok("blueprint", blueprint)
                : EndpointSupport.BlueprintNotFound(identifier).ToResult(), context.RequestAborted);
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        var problems = new Problems();
        if (!Problems.IsString(body["identifier"], out var identifier))
        {
            problems.Add("body", "must have required property 'identifier' (a string)");
        }

        return await state.Database.WriteAsync(async session =>
        {
            var known = await BlueprintRows.IdentifiersAsync(session, context.RequestAborted);
            if (known.Contains(identifier))
            {
                return PortError.IdentifierTaken($"A blueprint with identifier \"{identifier}\" already exists; identifiers must be unique (use PUT or PATCH to change it)").ToResult();
            }

            BlueprintValidator.Validate(body, identifier, target => state.TargetAllowed(known, target), null, problems);
            if (EndpointSupport.Invalid(problems) is { } invalid)
            {
                return invalid.ToResult();
            }

            var document = BlueprintDocument.Finish(body, identifier, null, state.Now(), state.Actor);
            await BlueprintRows.PutAsync(session, identifier, document, context.RequestAborted);
            return EndpointSupport.Json(StatusCodes.Status201Created, new JsonObject { ["ok"] = true, ["blueprint"] = document });
        }, context.RequestAborted);
    }

    private async Task<IResult> UpdateAsync(HttpContext context, bool patch)
    {
        var identifier = RequestValues.Route(context, "blueprint");
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        return await state.Database.WriteAsync(async session =>
        {
            var stored = await BlueprintRows.GetAsync(session, identifier, context.RequestAborted);
            if (stored is null)
            {
                return EndpointSupport.BlueprintNotFound(identifier).ToResult();
            }

            var problems = new Problems();
            if (body["identifier"] is { } given && (!Problems.IsString(given, out var text) || text != identifier))
            {
                problems.Add("body/identifier", $"must equal the identifier in the URL (\"{identifier}\")");
            }

            var merged = patch ? BlueprintDocument.Patch(stored, body) : BlueprintDocument.WithoutAudit(body);
            var known = await BlueprintRows.IdentifiersAsync(session, context.RequestAborted);
            BlueprintValidator.Validate(merged, identifier, target => state.TargetAllowed(known, target), stored, problems);
            if (EndpointSupport.Invalid(problems) is { } invalid)
            {
                return invalid.ToResult();
            }

            var document = BlueprintDocument.Finish(merged, identifier, stored, state.Now(), state.Actor);
            await BlueprintRows.PutAsync(session, identifier, document, context.RequestAborted);
            return EndpointSupport.Ok("blueprint", document);
        }, context.RequestAborted);
    }

    private Task<IResult> DeleteAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "blueprint");
        return state.Database.WriteAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, identifier, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(identifier).ToResult();
            }

            var count = await EntityRows.CountAsync(session, identifier, context.RequestAborted);
            if (count > 0)
            {
                return new PortError(StatusCodes.Status422UnprocessableEntity, "has_entities",
                    $"Blueprint \"{identifier}\" still has {count} entities; delete them first (DELETE /v1/blueprints/{identifier}/all-entities).").ToResult();
            }

            var blocked = await ReferencingBlueprintError(session, identifier, context.RequestAborted);
            if (blocked is not null)
            {
                return blocked.ToResult();
            }

            await DocumentRows.DeleteAsync(session, DocumentRows.Scorecard, identifier, null, context.RequestAborted);
            await BlueprintRows.DeleteAsync(session, identifier, context.RequestAborted);
            return EndpointSupport.Ok();
        }, context.RequestAborted);
    }

    private Task<IResult> DeleteAllEntitiesAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "blueprint");
        var (flags, flagError) = EndpointSupport.Flags(context, "delete_blueprint");
        if (flagError is not null)
        {
            return Task.FromResult(flagError.ToResult());
        }

        return state.Database.WriteAsync(async session =>
        {
            if (!await BlueprintRows.ExistsAsync(session, identifier, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(identifier).ToResult();
            }

            var identifiers = new List<string>();
            await foreach (var entity in EntityRows.ScanAsync(session, identifier, null, null, context.RequestAborted))
            {
                identifiers.Add(entity["identifier"]!.GetValue<string>());
            }

            var (_, error) = await state.Deleter().DeleteAsync(session, identifier, identifiers, false, false, context.RequestAborted);
            if (error is null && flags[0])
            {
                error = await ReferencingBlueprintError(session, identifier, context.RequestAborted);
                if (error is null)
                {
                    await DocumentRows.DeleteAsync(session, DocumentRows.Scorecard, identifier, null, context.RequestAborted);
                    await BlueprintRows.DeleteAsync(session, identifier, context.RequestAborted);
                }
            }

            return error?.ToResult() ?? EndpointSupport.Ok();
        }, context.RequestAborted);
    }

    /// <summary>Refuses to drop a blueprint another blueprint relates to or aggregates over.</summary>
    private static async Task<PortError?> ReferencingBlueprintError(DbSession session, string identifier, CancellationToken cancellationToken)
    {
        await foreach (var other in BlueprintRows.ListAsync(session, cancellationToken))
        {
            var otherId = other["identifier"]?.GetValue<string>();
            if (otherId == identifier)
            {
                continue;
            }

            var targets = s_targetSections
                .SelectMany(section => other[section] as JsonObject ?? [])
                .Select(item => item.Value?["target"]?.GetValue<string>());
            if (targets.Contains(identifier))
            {
                return new PortError(StatusCodes.Status422UnprocessableEntity, "has_dependents",
                    $"Blueprint \"{otherId}\" relates to blueprint \"{identifier}\"; remove that relation or aggregation first.");
            }
        }

        return null;
    }
}
