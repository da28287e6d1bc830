using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.M365.Tests.Graph;

/// <summary>Helpers for tests that script Graph answers on a <see cref="Testing.ScriptedServer"/>.</summary>
internal static class ScriptedGraph
{
    public const string UserDetailCsv =
        "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Copilot Chat Last Activity Date,Microsoft Teams Copilot Last Activity Date,Report Period\r\n"
        + "2026-07-03,adele@contoso.com,Adele Vance,2026-07-02,2026-07-02,,7\r\n"
        + "2026-07-03,alex@contoso.com,\"Wilber, Alex\",,,,7\r\n";

    public static Dictionary<string, string?> Settings(Uri baseAddress) => new()
    {
        [M365Settings.TenantId] = "contoso.onmicrosoft.com",
        [M365Settings.ClientId] = "00000000-0000-0000-0000-000000000001",
        [M365Settings.ClientSecret] = "not-used-with-a-static-token",
        [M365Settings.GraphUrl] = baseAddress.ToString(),
        [M365Settings.AuthorityHost] = baseAddress.ToString(),
        [M365Settings.TenantName] = "contoso",
    };

    public static M365Harness Harness(Testing.ScriptedServer server, Action<Dictionary<string, string?>>? settings = null, Action<M365TransportOptions>? tune = null)
    {
        var values = Settings(server.BaseAddress);
        settings?.Invoke(values);
        return M365Harness.Create(values, M365Harness.WithStaticToken(), tune: tune);
    }

    public static async Task JsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public static async Task CsvAsync(HttpContext context, string csv)
    {
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetPreamble());
        await context.Response.WriteAsync(csv);
    }

    public static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, $$$"""{"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""", status);

    /// <summary>Reads the whole user detail report through the client (rows only).</summary>
    public static async Task<List<UserActivityRecord>> ReadUsersAsync(M365Harness harness, ReportReadState state, CancellationToken cancellationToken)
    {
        var client = harness.Get<GraphClient>();
        var users = new List<UserActivityRecord>();
        await foreach (var row in client.GetReportRowsAsync(CopilotReport.UsageUserDetail, ReportPeriod.D7, state, cancellationToken))
        {
            if (UserActivityReader.Read(row, state) is { } user)
            {
                users.Add(user);
            }
        }

        return users;
    }
}
