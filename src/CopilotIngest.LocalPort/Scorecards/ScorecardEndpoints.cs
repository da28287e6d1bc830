using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Blueprints;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Scorecards;

/// <summary>Scorecards of a blueprint: list, create (409 when taken), replace all, get, replace one, delete; and all of them.</summary>
internal sealed class ScorecardEndpoints(LocalPortState state)
{
    private const string Base = "/v1/blueprints/{blueprint}/scorecards";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("GET", "/v1/scorecards", context => ListAsync(context, null));
        routes.MapPort("GET", Base, context => ListAsync(context, RequestValues.Route(context, "blueprint")));
        routes.MapPort("POST", Base, CreateAsync);
        routes.MapPort("PUT", Base, ReplaceAllAsync);
        routes.MapPort("GET", Base + "/{scorecard}", GetAsync);
        routes.MapPort("PUT", Base + "/{scorecard}", ReplaceAsync);
        routes.MapPort("DELETE", Base + "/{scorecard}", DeleteAsync);
    }

    private Task<IResult> ListAsync(HttpContext context, string? blueprint) =>
        state.Database.ReadAsync(async session =>
        {
            if (blueprint is not null && !await BlueprintRows.ExistsAsync(session, blueprint, context.RequestAborted))
            {
                return EndpointSupport.BlueprintNotFound(blueprint).ToResult();
            }

            var list = new JsonArray();
            await foreach (var scorecard in DocumentRows.ListAsync(session, DocumentRows.Scorecard, blueprint, context.RequestAborted))
            {
                list.Add(scorecard);
            }

            return EndpointSupport.Ok("scorecards", list);
        }, context.RequestAborted);

    private Task<IResult> GetAsync(HttpContext context)
    {
        var blueprint = RequestValues.Route(context, "blueprint");
        var identifier = RequestValues.Route(context, "scorecard");
        return state.Database.ReadAsync(async session =>
            await DocumentRows.GetAsync(session, DocumentRows.Scorecard, blueprint, identifier, context.RequestAborted) is { } scorecard
                ? EndpointSupport.Ok("scorecard", scorecard)
                : NotFound(blueprint, identifier).ToResult(), context.RequestAborted);
    }

    private Task<IResult> CreateAsync(HttpContext context) => SaveOneAsync(context, null);

    private Task<IResult> ReplaceAsync(HttpContext context) => SaveOneAsync(context, RequestValues.Route(context, "scorecard"));

    private async Task<IResult> SaveOneAsync(HttpContext context, string? identifierFromPath)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        body = BlueprintDocument.WithoutAudit(body);
        if (identifierFromPath is not null)
        {
            body["identifier"] ??= identifierFromPath;
        }

        return await state.Database.WriteAsync(async session =>
        {
            var stored = await BlueprintRows.GetAsync(session, blueprintId, context.RequestAborted);
            if (stored is null)
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var problems = new Problems();
            ScorecardValidator.Validate(body, BlueprintDefinition.From(stored), "body", problems);
            var identifier = Problems.IsString(body["identifier"], out var id) ? id : string.Empty;
            if (identifierFromPath is not null && identifier != identifierFromPath)
            {
                problems.Add("body/identifier", $"must equal the identifier in the URL (\"{identifierFromPath}\")");
            }

            if (EndpointSupport.Invalid(problems) is { } invalid)
            {
                return invalid.ToResult();
            }

            var previous = await DocumentRows.GetAsync(session, DocumentRows.Scorecard, blueprintId, identifier, context.RequestAborted);
            if (identifierFromPath is null && previous is not null)
            {
                return PortError.IdentifierTaken($"A scorecard with identifier \"{identifier}\" already exists on blueprint \"{blueprintId}\"").ToResult();
            }

            if (identifierFromPath is not null && previous is null)
            {
                return NotFound(blueprintId, identifier).ToResult();
            }

            var document = await StoreAsync(session, blueprintId, body, previous, context.RequestAborted);
            var status = previous is null ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            return EndpointSupport.Json(status, new JsonObject { ["ok"] = true, ["scorecard"] = document });
        }, context.RequestAborted);
    }

    /// <summary><c>PUT /v1/blueprints/{bp}/scorecards</c> with an array: the blueprint's scorecards become exactly these.</summary>
    private async Task<IResult> ReplaceAllAsync(HttpContext context)
    {
        var blueprintId = RequestValues.Route(context, "blueprint");
        var (body, error) = await RequestBody.ReadAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        if (body is not JsonArray items)
        {
            return PortError.InvalidBody("body must be array").ToResult();
        }

        return await state.Database.WriteAsync(async session =>
        {
            var stored = await BlueprintRows.GetAsync(session, blueprintId, context.RequestAborted);
            if (stored is null)
            {
                return EndpointSupport.BlueprintNotFound(blueprintId).ToResult();
            }

            var blueprint = BlueprintDefinition.From(stored);
            var problems = new Problems();
            var identifiers = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item)
                {
                    problems.Add($"body/{i}", "must be object");
                    continue;
                }

                ScorecardValidator.Validate(item, blueprint, $"body/{i}", problems);
                if (Problems.IsString(item["identifier"], out var id) && !identifiers.Add(id))
                {
                    problems.Add($"body/{i}/identifier", $"\"{id}\" appears more than once");
                }
            }

            if (EndpointSupport.Invalid(problems) is { } invalid)
            {
                return invalid.ToResult();
            }

            var previous = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            await foreach (var scorecard in DocumentRows.ListAsync(session, DocumentRows.Scorecard, blueprintId, context.RequestAborted))
            {
                previous[scorecard["identifier"]!.GetValue<string>()] = scorecard;
            }

            await DocumentRows.DeleteAsync(session, DocumentRows.Scorecard, blueprintId, null, context.RequestAborted);
            var saved = new JsonArray();
            foreach (var item in items.OfType<JsonObject>())
            {
                var id = item["identifier"]!.GetValue<string>();
                saved.Add(await StoreAsync(session, blueprintId, BlueprintDocument.WithoutAudit(item), previous.GetValueOrDefault(id), context.RequestAborted));
            }

            return EndpointSupport.Ok("scorecards", saved);
        }, context.RequestAborted);
    }

    private Task<IResult> DeleteAsync(HttpContext context)
    {
        var blueprint = RequestValues.Route(context, "blueprint");
        var identifier = RequestValues.Route(context, "scorecard");
        return state.Database.WriteAsync(async session =>
            await DocumentRows.DeleteAsync(session, DocumentRows.Scorecard, blueprint, identifier, context.RequestAborted) > 0
                ? EndpointSupport.Ok()
                : NotFound(blueprint, identifier).ToResult(), context.RequestAborted);
    }

    private async Task<JsonObject> StoreAsync(DbSession session, string blueprint, JsonObject body, JsonObject? previous, CancellationToken cancellationToken)
    {
        var identifier = body["identifier"]!.GetValue<string>();
        body["blueprint"] = blueprint;
        body["levels"] ??= ScorecardValidator.DefaultLevels();
        body["createdAt"] = previous?["createdAt"]?.DeepClone() ?? state.Now();
        body["createdBy"] = previous?["createdBy"]?.DeepClone() ?? state.Actor;
        body["updatedAt"] = state.Now();
        body["updatedBy"] = state.Actor;
        await DocumentRows.PutAsync(session, DocumentRows.Scorecard, blueprint, identifier, body, cancellationToken);
        return body;
    }

    private static PortError NotFound(string blueprint, string identifier) =>
        PortError.NotFound($"Scorecard with identifier \"{identifier}\" of blueprint \"{blueprint}\" was not found");
}
