using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Simulation.Graph;

/// <summary>Routes and answers the requests of the simulated Entra ID and Microsoft Graph.</summary>
internal sealed partial class SimulatedGraphHandler(
    SimulatedGraphOptions options,
    SimulatedTenant tenant,
    SimulatedTokenEndpoint tokens,
    SimulatedFaults faults,
    string tenantId,
    Func<Uri> baseAddress)
{
    private static readonly TimeSpan s_downloadLifetime = TimeSpan.FromMinutes(5);

    private readonly SimulatedReportWriter _writer = new(new SimulatedReportRows(tenant), Math.Max(1, options.JsonPageSize));
    private readonly ConcurrentDictionary<string, (SimulatedReportRequest Request, DateTimeOffset Expires)> _downloads = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^/([^/]+)/oauth2/v2\.0/token$")]
    private static partial Regex TokenPath();

    [GeneratedRegex(@"^/([^/]+)/v2\.0/\.well-known/openid-configuration$")]
    private static partial Regex OpenIdPath();

    [GeneratedRegex(@"^/(v1\.0|beta)/(?:copilot/)?reports/(\w+)\((.*)\)$")]
    private static partial Regex ReportPath();

    [GeneratedRegex(@"^/download/reports/([0-9a-f]+)$")]
    private static partial Regex DownloadPath();

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var fault = faults.Take(path);
        if (fault is not null && await SimulatedFaults.ApplyAsync(context, fault, TimeProvider.System))
        {
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && TokenPath().Match(path) is { Success: true } token)
        {
            await tokens.HandleAsync(context, token.Groups[1].Value);
            return;
        }

        if (OpenIdPath().Match(path) is { Success: true } openId)
        {
            await OpenIdConfigurationAsync(context, openId.Groups[1].Value);
            return;
        }

        if (DownloadPath().Match(path) is { Success: true } download)
        {
            await DownloadAsync(context, download.Groups[1].Value, fault);
            return;
        }

        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal) && !path.StartsWith("/beta/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (!Authorized(context))
        {
            await GraphErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
            return;
        }

        var needed = SimulatedPermissions.AnyOf(path[(path.IndexOf('/', 1) + 1)..]);
        if (needed.Count > 0 && !needed.Any(options.Permissions.Contains))
        {
            await GraphErrorAsync(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            return;
        }

        if (ReportPath().Match(path) is { Success: true } report)
        {
            await ReportAsync(context, report.Groups[1].Value, report.Groups[2].Value, report.Groups[3].Value, fault);
            return;
        }

        switch (path[(path.IndexOf('/', 1) + 1)..])
        {
            case "subscribedSkus":
                await SubscribedSkusAsync(context);
                break;
            case "admin/reportSettings":
                await ReportSettingsAsync(context);
                break;
            case "organization":
                await OrganizationAsync(context);
                break;
            default:
                var segment = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? string.Empty;
                await GraphErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{segment}'.");
                break;
        }
    }

    public static async Task GraphErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", code);
        json.WriteString("message", message);
        json.WriteStartObject("innerError");
        json.WriteString("date", DateTimeOffset.UnixEpoch.ToString("s", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private bool Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && tokens.IsValid(header["Bearer ".Length..].Trim());
    }

    private async Task ReportAsync(HttpContext context, string version, string function, string arguments, GraphFault? fault)
    {
        if (!SimulatedReportRequest.Functions.Contains(function))
        {
            await GraphErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{function}'.");
            return;
        }

        var (request, error) = SimulatedReportRequest.Parse(function, arguments);
        if (request is null)
        {
            await GraphErrorAsync(context, 400, "BadRequest", error!);
            return;
        }

        if (options.EmptyTenant)
        {
            var inner = JsonSerializer.Serialize(new { error = new { code = "UnknownTenantId", message = $"We do not recognize this tenant ID {tenantId}. Please double-check the tenant ID and try again." } });
            await GraphErrorAsync(context, 404, "UnknownError", inner);
            return;
        }

        var json = version == "beta" || context.Request.Query["$format"].ToString().Contains("json", StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            var skip = ParseSkipToken(context.Request.Query["$skiptoken"].ToString());
            context.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
            var self = new Uri(baseAddress(), context.Request.Path.Value!.TrimStart('/')).ToString();
            await WithFaultAsync(context, fault, body => _writer.WriteJsonAsync(body, request, skip, next => $"{self}?$format=application/json&$skiptoken={Uri.EscapeDataString(SkipToken(next))}", context.RequestAborted));
            return;
        }

        if (options.CsvViaRedirect)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _downloads[id] = (request, options.TimeProvider.GetUtcNow() + s_downloadLifetime);
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = new Uri(baseAddress(), "download/reports/" + id).ToString();
            return;
        }

        await CsvAsync(context, request, fault);
    }

    private async Task DownloadAsync(HttpContext context, string id, GraphFault? fault)
    {
        if (!string.IsNullOrEmpty(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("This pre-authenticated download URL must be requested without an Authorization header.", context.RequestAborted);
            return;
        }

        if (!_downloads.TryGetValue(id, out var download) || download.Expires <= options.TimeProvider.GetUtcNow())
        {
            context.Response.StatusCode = 404;
            return;
        }

        await CsvAsync(context, download.Request, fault);
    }

    private Task CsvAsync(HttpContext context, SimulatedReportRequest request, GraphFault? fault)
    {
        context.Response.ContentType = "application/octet-stream";
        return WithFaultAsync(context, fault, body => _writer.WriteCsvAsync(body, request, context.RequestAborted));
    }

    /// <summary>Writes the body, or for <see cref="GraphFaultKind.TruncateBody"/> the first half of it and then drops the connection.</summary>
    private static async Task WithFaultAsync(HttpContext context, GraphFault? fault, Func<Stream, Task> write)
    {
        if (fault?.Kind != GraphFaultKind.TruncateBody)
        {
            await write(context.Response.Body);
            return;
        }

        using var buffer = new MemoryStream();
        await write(buffer);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    private async Task SubscribedSkusAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("@odata.context", new Uri(baseAddress(), "v1.0/$metadata#subscribedSkus").ToString());
        json.WriteStartArray("value");
        WriteSku(json, "Microsoft_365_Copilot", "639dec6b-bb19-468b-871c-c5c441c4b0cb", tenant.Users + options.UnassignedLicences, tenant.Users,
            [("M365_COPILOT_APPS", "a62f8878-de10-42f3-b68f-6149a25ceb97"), ("M365_COPILOT_BUSINESS_CHAT", "3f30311c-6b1e-48a4-ab79-725b469da960"), ("M365_COPILOT_TEAMS", "b95945de-b3bd-46db-8437-f2beb6ea2347")]);
        WriteSku(json, "ENTERPRISEPREMIUM", "c7df2760-2c81-4ef7-b578-5b5392b571df", tenant.Users * 2, (tenant.Users * 3) / 2,
            [("ADALLOM_S_O365", "8c098270-9dd4-4350-9b30-ba4703f3b36b"), ("TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929")]);
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private void WriteSku(Utf8JsonWriter json, string partNumber, string skuId, int enabled, int consumed, (string Name, string Id)[] plans)
    {
        json.WriteStartObject();
        json.WriteString("accountName", options.TenantDomain);
        json.WriteString("accountId", tenantId);
        json.WriteString("appliesTo", "User");
        json.WriteString("capabilityStatus", "Enabled");
        json.WriteNumber("consumedUnits", consumed);
        json.WriteString("id", tenantId + "_" + skuId);
        json.WriteStartObject("prepaidUnits");
        json.WriteNumber("enabled", enabled);
        json.WriteNumber("lockedOut", 0);
        json.WriteNumber("suspended", 0);
        json.WriteNumber("warning", 0);
        json.WriteEndObject();
        json.WriteStartArray("servicePlans");
        foreach (var (name, id) in plans)
        {
            json.WriteStartObject();
            json.WriteString("servicePlanId", id);
            json.WriteString("servicePlanName", name);
            json.WriteString("provisioningStatus", "Success");
            json.WriteString("appliesTo", "User");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("skuId", skuId);
        json.WriteString("skuPartNumber", partNumber);
        json.WriteStartArray("subscriptionIds");
        json.WriteStringValue(Guid.NewGuid().ToString());
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private async Task ReportSettingsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        if (options.WrapReportSettings)
        {
            json.WriteStartObject("value");
        }

        json.WriteString("@odata.type", "#microsoft.graph.adminReportSettings");
        json.WriteBoolean("displayConcealedNames", options.ConcealNames);
        if (options.WrapReportSettings)
        {
            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private async Task OrganizationAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartArray("value");
        json.WriteStartObject();
        json.WriteString("id", tenantId);
        json.WriteStartArray("verifiedDomains");
        WriteDomain(json, options.TenantDomain + ".com", isDefault: true, isInitial: false);
        WriteDomain(json, options.TenantDomain + ".onmicrosoft.com", isDefault: false, isInitial: true);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static void WriteDomain(Utf8JsonWriter json, string name, bool isDefault, bool isInitial)
    {
        json.WriteStartObject();
        json.WriteString("capabilities", "Email, OfficeCommunicationsOnline");
        json.WriteBoolean("isDefault", isDefault);
        json.WriteBoolean("isInitial", isInitial);
        json.WriteString("name", name);
        json.WriteString("type", "Managed");
        json.WriteEndObject();
    }

    private async Task OpenIdConfigurationAsync(HttpContext context, string tenant)
    {
        var issuer = new Uri(baseAddress(), tenant + "/v2.0").ToString();
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("issuer", issuer);
        json.WriteString("token_endpoint", new Uri(baseAddress(), tenant + "/oauth2/v2.0/token").ToString());
        json.WriteString("authorization_endpoint", new Uri(baseAddress(), tenant + "/oauth2/v2.0/authorize").ToString());
        json.WriteString("jwks_uri", new Uri(baseAddress(), tenant + "/discovery/v2.0/keys").ToString());
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static string SkipToken(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes("0:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static int ParseSkipToken(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token.PadRight(token.Length + ((4 - (token.Length % 4)) % 4), '=')));
            return int.TryParse(text.AsSpan(text.IndexOf(':', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
