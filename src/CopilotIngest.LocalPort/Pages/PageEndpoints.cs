using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Blueprints;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Json;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Pages;

/// <summary><c>/v1/pages</c>: list, create (409 when taken), get, replace, delete; stored as given plus audit fields.</summary>
internal sealed class PageEndpoints(LocalPortState state)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("GET", "/v1/pages", ListAsync);
        routes.MapPort("POST", "/v1/pages", context => SaveAsync(context, null));
        routes.MapPort("GET", "/v1/pages/{page}", GetAsync);
        routes.MapPort("PUT", "/v1/pages/{page}", context => SaveAsync(context, RequestValues.Route(context, "page")));
        routes.MapPort("DELETE", "/v1/pages/{page}", DeleteAsync);
    }

    private Task<IResult> ListAsync(HttpContext context) =>
        state.Database.ReadAsync(async session =>
        {
            var pages = new JsonArray();
            await foreach (var page in DocumentRows.ListAsync(session, DocumentRows.Page, string.Empty, context.RequestAborted))
            {
                pages.Add(page);
            }

            return EndpointSupport.Ok("pages", pages);
        }, context.RequestAborted);

    private Task<IResult> GetAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "page");
        return state.Database.ReadAsync(async session =>
            await DocumentRows.GetAsync(session, DocumentRows.Page, string.Empty, identifier, context.RequestAborted) is { } page
                ? EndpointSupport.Ok("page", page)
                : NotFound(identifier).ToResult(), context.RequestAborted);
    }

    /// <summary>POST when <paramref name="identifierFromPath"/> is null (must not exist), PUT otherwise (must exist).</summary>
    private async Task<IResult> SaveAsync(HttpContext context, string? identifierFromPath)
    {
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
            var problems = new Problems();
            var known = await BlueprintRows.IdentifiersAsync(session, context.RequestAborted);
            PageValidator.Validate(body, known.Contains, problems);
            var identifier = Problems.IsString(body["identifier"], out var id) ? id : string.Empty;
            if (identifierFromPath is not null && identifier != identifierFromPath)
            {
                problems.Add("body/identifier", $"must equal the identifier in the URL (\"{identifierFromPath}\")");
            }

            if (EndpointSupport.Invalid(problems) is { } invalid)
            {
                return invalid.ToResult();
            }

            var stored = await DocumentRows.GetAsync(session, DocumentRows.Page, string.Empty, identifier, context.RequestAborted);
            if (identifierFromPath is null && stored is not null)
            {
                return PortError.IdentifierTaken($"A page with identifier \"{identifier}\" already exists; use PUT /v1/pages/{identifier} to change it").ToResult();
            }

            if (identifierFromPath is not null && stored is null)
            {
                return NotFound(identifier).ToResult();
            }

            body["createdAt"] = stored?["createdAt"]?.DeepClone() ?? state.Now();
            body["createdBy"] = stored?["createdBy"]?.DeepClone() ?? state.Actor;
            body["updatedAt"] = state.Now();
            body["updatedBy"] = state.Actor;
            await DocumentRows.PutAsync(session, DocumentRows.Page, string.Empty, identifier, body, context.RequestAborted);
            var status = stored is null ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            return JsonBytesResult.From(status, new IdentifierResponse(true, identifier), LocalPortJsonContext.Default.IdentifierResponse);
        }, context.RequestAborted);
    }

    private Task<IResult> DeleteAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "page");
        return state.Database.WriteAsync(async session =>
            await DocumentRows.DeleteAsync(session, DocumentRows.Page, string.Empty, identifier, context.RequestAborted) > 0
                ? EndpointSupport.Ok()
                : NotFound(identifier).ToResult(), context.RequestAborted);
    }

    private static PortError NotFound(string identifier) => PortError.NotFound($"Page with identifier \"{identifier}\" was not found");
}
