using CopilotIngest.LocalPort.Dashboards;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Webhooks;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.LocalPort.Auth;

/// <summary>Every route but the token route and the dashboard pages for a browser (<c>/dashboards</c>) and the webhook ingest URLs (<c>/ingest/…</c>, signed instead) needs <c>Authorization: Bearer &lt;valid, unexpired token&gt;</c>, else 401.</summary>
internal static class BearerAuthentication
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, TokenService tokens)
    {
        if (context.Request.Path.Equals(AuthEndpoints.Path, StringComparison.Ordinal) || DashboardEndpoints.IsDashboardPath(context.Request.Path)
            || WebhookIngest.IsIngestPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            await PortError.Unauthorized("Missing Authorization header: send 'Authorization: Bearer <accessToken>' with a token from POST /v1/auth/access_token.").WriteAsync(context);
            return;
        }

        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || !tokens.IsValid(parts[1]))
        {
            await PortError.Unauthorized("The access token is invalid or has expired; request a new one from POST /v1/auth/access_token.").WriteAsync(context);
            return;
        }

        await next(context);
    }
}
