using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>
/// One self-contained HTML file per dashboard: the computed data, the vendored chart library (Chart.js, see
/// Assets/README.md) and the drawing script inlined, so the page makes no request to any host when opened.
/// </summary>
internal static class DashboardHtml
{
    private static readonly Lazy<string> s_chartJs = new(() => Asset("chart.umd.min.js"));
    private static readonly Lazy<string> s_script = new(() => Asset("dashboard.js"));
    private static readonly Lazy<string> s_style = new(() => Asset("dashboard.css"));

    public static string Render(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var title = WebUtility.HtmlEncode(model["title"]?.ToString() ?? "Dashboard");

        // The JSON encoder escapes <, > and &, so the data cannot end its script element.
        var data = JsonText.ToText(model);
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(title).Append("</title>\n<style>\n")
            .Append(s_style.Value).Append("</style>\n</head>\n<body>\n<main id=\"dashboard\"></main>\n")
            .Append("<script id=\"dashboard-data\" type=\"application/json\">").Append(data).Append("</script>\n<script>\n")
            .Append(s_chartJs.Value).Append("\n</script>\n<script>\n")
            .Append(s_script.Value).Append("\n</script>\n</body>\n</html>\n")
            .ToString();
    }

    /// <summary>A plain list of the dashboards the local Port holds, each linking to its page.</summary>
    public static string Index(IEnumerable<(string Identifier, string Title)> pages)
    {
        var items = new StringBuilder();
        foreach (var (identifier, title) in pages)
        {
            items.Append("<li><a href=\"/dashboards/").Append(Uri.EscapeDataString(identifier)).Append("\">")
                .Append(WebUtility.HtmlEncode(title)).Append("</a> <code>").Append(WebUtility.HtmlEncode(identifier)).Append("</code></li>\n");
        }

        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Local Port dashboards</title>\n<style>\n" + s_style.Value
            + "</style>\n</head>\n<body>\n<main id=\"dashboard\">\n<header class=\"page-head\"><h1>Local Port dashboards</h1></header>\n"
            + (items.Length == 0 ? "<p class=\"empty\">No dashboard page yet: run copilot-ingest setup (or demo).</p>\n" : "<ul>\n" + items + "</ul>\n")
            + "</main>\n</body>\n</html>\n";
    }

    private static string Asset(string name)
    {
        var resource = $"{typeof(DashboardHtml).Namespace}.Assets.{name}";
        using var stream = typeof(DashboardHtml).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
