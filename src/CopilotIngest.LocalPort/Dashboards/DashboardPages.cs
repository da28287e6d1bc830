using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>Renders the dashboard pages the local Port holds: the data computed now, drawn by <see cref="DashboardHtml"/>.</summary>
internal static class DashboardPages
{
    /// <summary>The page as one self-contained HTML file, or null when no page has that identifier.</summary>
    public static async Task<string?> RenderAsync(LocalPortDatabase database, TimeProvider time, string identifier, CancellationToken cancellationToken)
    {
        var page = await database.ReadAsync(session => DocumentRows.GetAsync(session, DocumentRows.Page, string.Empty, identifier, cancellationToken), cancellationToken);
        if (page is null)
        {
            return null;
        }

        var model = await DashboardModel.BuildAsync(page, new DashboardSource(database, time.GetUtcNow()), cancellationToken);
        return DashboardHtml.Render(model);
    }

    /// <summary>The identifiers and titles of every dashboard page held.</summary>
    public static async Task<IReadOnlyList<(string Identifier, string Title)>> ListAsync(LocalPortDatabase database, CancellationToken cancellationToken)
    {
        var pages = await database.ReadAsync(session => DocumentRows.ListAsync(session, DocumentRows.Page, string.Empty, cancellationToken).ToListAsync(cancellationToken).AsTask(), cancellationToken);
        return [.. pages
            .Where(IsDashboard)
            .Select(p => (Id: Problems.IsString(p["identifier"], out var id) ? id : string.Empty, Title: Problems.IsString(p["title"], out var title) ? title : string.Empty))
            .Where(p => p.Id.Length > 0)
            .Select(p => (p.Id, p.Title.Length > 0 ? p.Title : p.Id))];
    }

    public static bool IsDashboard(JsonObject page) => !Problems.IsString(page["type"], out var type) || type == "dashboard";
}
