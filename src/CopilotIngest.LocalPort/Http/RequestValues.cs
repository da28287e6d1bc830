using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Http;

/// <summary>Route and query values of a request.</summary>
internal static class RequestValues
{
    /// <summary>A route value, with <c>%2F</c> decoded (ASP.NET Core leaves encoded slashes alone; identifiers may hold <c>/</c>).</summary>
    public static string Route(HttpContext context, string name)
    {
        var value = context.GetRouteValue(name) as string ?? string.Empty;
        return value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
    }

    /// <summary>Reads a boolean query flag; null with an error when the value is not <c>true</c>/<c>false</c>.</summary>
    public static bool Flag(HttpContext context, string name, bool defaultValue, List<string> problems)
    {
        var raw = context.Request.Query[name];
        if (raw.Count == 0)
        {
            return defaultValue;
        }

        var text = raw[^1];
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"querystring/{name} must be boolean");
        return defaultValue;
    }

    public static IReadOnlyList<string> List(HttpContext context, string name)
    {
        var values = new List<string>();
        foreach (var key in new[] { name, name + "[]" })
        {
            foreach (var value in context.Request.Query[key])
            {
                if (!string.IsNullOrEmpty(value))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }
}
