using CopilotIngest.LocalPort.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>
/// <c>GET /dashboards</c> (a list) and <c>GET /dashboards/{page}</c> (one page as HTML) for a browser on this machine:
/// no token needed, like the database file beside it. Not part of Port's API.
/// </summary>
internal sealed class DashboardEndpoints(LocalPortState state)
{
    public const string PathPrefix = "/dashboards";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("GET", PathPrefix, ListAsync);
        routes.MapPort("GET", PathPrefix + "/{page}", GetAsync);
    }

    public static bool IsDashboardPath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);

    private async Task<IResult> ListAsync(HttpContext context)
    {
        var pages = await DashboardPages.ListAsync(state.Database, context.RequestAborted);
        return Results.Content(DashboardHtml.Index(pages), "text/html; charset=utf-8");
    }

    private async Task<IResult> GetAsync(HttpContext context)
    {
        var page = RequestValues.Route(context, "page");
        var html = await DashboardPages.RenderAsync(state.Database, state.Time, page, context.RequestAborted);
        return html is null
            ? Results.Content($"No dashboard page '{System.Net.WebUtility.HtmlEncode(page)}' here; see {PathPrefix}.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
            : Results.Content(html, "text/html; charset=utf-8");
    }
}
