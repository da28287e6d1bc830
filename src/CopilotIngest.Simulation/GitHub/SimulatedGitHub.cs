using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// A GitHub REST API for Copilot seats, billing and usage-metrics reports on 127.0.0.1: real <c>Link</c> paging,
/// <c>x-ratelimit-*</c> headers and limits, the personal access token or, with <see cref="SimulatedGitHubOptions.App"/>, GitHub App
/// JWTs and installation tokens, 401 for any other token, 404 for unknown organizations, and injected faults.
/// Report endpoints answer with signed links to a separate download host (<see cref="DownloadAddress"/>) that serves
/// NDJSON, split into several files for large user reports; days without data answer 204 (organizations) or 404
/// (enterprise). Everything is computed on request from a <see cref="SimulatedGitHubPopulation"/>, so seats and
/// reports agree and large sizes start fast.
/// </summary>
public sealed class SimulatedGitHub : IAsyncDisposable
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;

    private static readonly string[] s_apiVersions = ["2022-11-28", "2026-03-10"];

    private readonly WebApplication _app;
    private readonly SimulatedGitHubOptions _options;
    private readonly FaultQueue _faults = new();
    private readonly RateLimitWindow _rateLimit;
    private readonly ConcurrentQueue<SimulatedGitHubRequest> _requests = new();

    private readonly SimulatedAppAuthority? _appAuthority;
    private SimulatedReportCatalog _catalog = null!;
    private SimulatedReportHost _reportHost = null!;

    private SimulatedGitHub(WebApplication app, SimulatedGitHubOptions options, SimulatedGitHubPopulation population, string token)
    {
        _app = app;
        _options = options;
        Population = population;
        Token = token;
        _rateLimit = new RateLimitWindow(options.RateLimitPerHour, options.TimeProvider);
        _appAuthority = options.App is { } registered ? new SimulatedAppAuthority(registered, population, options) : null;
    }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:54321/</c> (use as <c>GITHUB_API_URL</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The personal access token accepted everywhere.</summary>
    public string Token { get; }

    /// <summary>The registered App's installations (one per organization, one on the enterprise); empty without an App.</summary>
    public IReadOnlyList<SimulatedInstallation> AppInstallations => _appAuthority?.Installations ?? [];

    /// <summary>Installation tokens minted so far, per installation id.</summary>
    public IReadOnlyDictionary<long, int> InstallationTokensMinted => _appAuthority?.Minted ?? new Dictionary<long, int>();

    /// <summary>Makes every installation token issued so far answer 401, as if GitHub revoked them.</summary>
    public void RevokeInstallationTokens() => _appAuthority?.RevokeAll();

    public SimulatedGitHubPopulation Population { get; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<SimulatedGitHubRequest> Requests => [.. _requests];

    /// <summary>Faults injected but not yet produced (API and download host).</summary>
    public int PendingFaults => _faults.Pending + _reportHost.PendingFaults;

    /// <summary>The report download host's root, a different port from <see cref="BaseAddress"/>.</summary>
    public Uri DownloadAddress => _reportHost.BaseAddress;

    /// <summary>Every request the download host answered so far, in order.</summary>
    public IReadOnlyList<SimulatedDownloadRequest> DownloadRequests => _reportHost.Requests;

    /// <summary>The newest day with usage reports: today (by the simulation's clock) minus <see cref="SimulatedGitHubOptions.ReportLagDays"/>.</summary>
    public DateOnly NewestReportDay => _catalog.NewestDay;

    /// <summary>Whether GitHub has a usage report of the organization (or, for null, the enterprise) for <paramref name="day"/>.</summary>
    public bool HasReport(SimulatedOrganization? organization, DateOnly day) => _catalog.HasData(organization, day);

    /// <summary>Makes GitHub answer "no data" for these days (an outage on GitHub's side), until <see cref="ClearNoDataDays"/>.</summary>
    public void AddNoDataDays(IEnumerable<DateOnly> days) => _catalog.AddNoDataDays(days);

    public void ClearNoDataDays() => _catalog.ClearNoDataDays();

    /// <summary>
    /// Answers the next <paramref name="times"/> download requests whose path starts with <paramref name="pathPrefix"/>
    /// (e.g. <c>/copilot-reports/orgs/octo-web/users-1-day/</c>) with <paramref name="fault"/>: server errors, 429,
    /// dropped connections, truncated bodies, latency or any status.
    /// </summary>
    public void InjectDownloadFault(string pathPrefix, SimulatedFault fault, int times = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        _reportHost.InjectFault(pathPrefix, fault, times);
    }

    public static async Task<SimulatedGitHub> StartAsync(SimulatedGitHubOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Seats);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RateLimitPerHour);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.UsersPerReportFile);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReportLagDays);
        var today = DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);
        var population = SimulatedGitHubPopulation.Generate(options.Enterprise, options.Organizations, options.Seats, options.Seed, today);
        var token = options.Token ?? $"ghp_simulated{StableHash.Of(options.Seed, 99):x16}";

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var github = new SimulatedGitHub(app, options, population, token);
        github._catalog = new SimulatedReportCatalog(population, options);
        github._reportHost = await SimulatedReportHost.StartAsync(github._catalog, options, cancellationToken);
        app.Run(github.HandleAsync);
        await app.StartAsync(cancellationToken);
        github.BaseAddress = new Uri(app.Urls.First() + "/");
        return github;
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> requests whose path (with query) starts with <paramref name="pathPrefix"/>
    /// with <paramref name="fault"/>, e.g. <c>InjectFault("/orgs/octo-web/copilot/billing/seats?per_page=100&amp;page=2", SimulatedFault.ServerError())</c>.
    /// </summary>
    public void InjectFault(string pathPrefix, SimulatedFault fault, int times = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        _faults.Add(pathPrefix, fault, times);
    }

    public void ClearFaults()
    {
        _faults.Clear();
        _reportHost.ClearFaults();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _reportHost.DisposeAsync();
        _appAuthority?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.Path + request.QueryString;
        var credential = SimulatedCredential.None;
        var status = 0;
        var dropConnection = false;
        try
        {
            if (string.IsNullOrEmpty(request.Headers.UserAgent))
            {
                status = await ErrorAsync(context, 403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).");
                return;
            }

            var segments = request.Path.Value?.Trim('/').Split('/') ?? [];
            var appEndpoint = segments is ["app", ..] or ["orgs", _, "installation"];
            (credential, var denial) = Authorize(request.Headers.Authorization.ToString(), segments, appEndpoint);
            if (denial is { } refused)
            {
                status = await ErrorAsync(context, refused.Status, refused.Message);
                return;
            }

            var fault = _faults.Take(pathAndQuery);
            if (fault is { Kind: SimulatedFaultKind.Latency })
            {
                // Latency is wall-clock on purpose: it exercises the client's real timeouts.
                await Task.Delay(fault.Delay, TimeProvider.System, context.RequestAborted);
                fault = null;
            }

            if (fault is { Kind: SimulatedFaultKind.DropConnection })
            {
                // Dropped after the request is recorded (below), so a client never sees the drop before it is counted.
                dropConnection = true;
                return;
            }

            if (fault is not null && fault.Kind is not (SimulatedFaultKind.TruncatedBody or SimulatedFaultKind.ExpiredLinks))
            {
                status = await FaultAsync(context, fault);
                return;
            }

            status = appEndpoint
                ? await AppAsync(context, segments)
                : await AnswerAsync(context, truncate: fault?.Kind == SimulatedFaultKind.TruncatedBody, expiredLinks: fault?.Kind == SimulatedFaultKind.ExpiredLinks);
        }
        finally
        {
            var authorized = credential is SimulatedCredential.PersonalToken or SimulatedCredential.AppJwt or SimulatedCredential.InstallationToken;
            _requests.Enqueue(new SimulatedGitHubRequest(request.Method, pathAndQuery, status, authorized, request.Headers["X-GitHub-Api-Version"].FirstOrDefault(), request.Headers.Accept.FirstOrDefault(), credential));
            if (dropConnection)
            {
                context.Abort();
            }
        }
    }

    /// <summary>Which credential the request carries, and the refusal (status, message) when it may not do what it asks.</summary>
    private (SimulatedCredential Credential, (int Status, string Message)? Denial) Authorize(string header, string[] segments, bool appEndpoint)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? string.Empty : header[..space];
        var secret = space < 0 || !(scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase))
            ? null
            : header[(space + 1)..].Trim();
        if (appEndpoint)
        {
            return _appAuthority is null || secret is null
                ? (SimulatedCredential.None, (401, "A JSON web token could not be decoded"))
                : _appAuthority.CheckJwt(secret) is { } problem
                    ? (SimulatedCredential.None, (401, problem))
                    : (SimulatedCredential.AppJwt, null);
        }

        if (secret is not null && secret == Token)
        {
            return (SimulatedCredential.PersonalToken, null);
        }

        if (secret is null || _appAuthority is null || !secret.StartsWith("ghs_", StringComparison.Ordinal))
        {
            return (SimulatedCredential.None, (401, "Bad credentials"));
        }

        var (installation, valid) = _appAuthority.Check(secret);
        if (installation is null)
        {
            return (SimulatedCredential.None, (401, "Bad credentials"));
        }

        if (!valid)
        {
            return (SimulatedCredential.ExpiredInstallationToken, (401, "Bad credentials"));
        }

        return InstallationMayRead(installation, segments)
            ? (SimulatedCredential.InstallationToken, null)
            : (SimulatedCredential.InstallationToken, (403, "Resource not accessible by integration"));
    }

    private bool InstallationMayRead(SimulatedInstallation installation, string[] segments) => (installation.Organization, segments) switch
    {
        (_, ["rate_limit"]) => true,
        ({ } organization, ["orgs", var login, ..]) => login.Equals(organization.Login, StringComparison.OrdinalIgnoreCase),
        ({ } organization, ["organizations", var login, "settings", "billing", ..]) => login.Equals(organization.Login, StringComparison.OrdinalIgnoreCase),
        ({ } organization, ["organizations", var id, ..]) => id == organization.Id.ToString(CultureInfo.InvariantCulture),
        (null, ["enterprises", var slug, "copilot", "metrics", ..]) => slug.Equals(Population.Enterprise, StringComparison.OrdinalIgnoreCase),
        (null, ["enterprises", var slug, "copilot", "billing", "seats"]) => _options.AppCanListEnterpriseSeats && slug.Equals(Population.Enterprise, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The App endpoints (JWT already checked): installation lookup and token minting.</summary>
    private async Task<int> AppAsync(HttpContext context, string[] segments)
    {
        var authority = _appAuthority!;
        var method = context.Request.Method;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var status = 200;
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            switch (segments)
            {
                case ["orgs", var login, "installation"] when HttpMethods.IsGet(method)
                    && Population.FindOrganization(login) is { } organization && authority.OnOrganization(organization) is { } installation:
                    authority.WriteInstallation(writer, installation);
                    break;
                case ["app", "installations"] when HttpMethods.IsGet(method):
                    writer.WriteStartArray();
                    foreach (var installation in authority.Installations)
                    {
                        authority.WriteInstallation(writer, installation);
                    }

                    writer.WriteEndArray();
                    break;
                case ["app", "installations", var id, "access_tokens"] when HttpMethods.IsPost(method)
                    && long.TryParse(id, CultureInfo.InvariantCulture, out var installationId) && authority.Find(installationId) is { } installation:
                    var (token, expiresAt) = authority.Mint(installation);
                    SimulatedAppAuthority.WriteToken(writer, installation, token, expiresAt);
                    status = 201;
                    break;
                default:
                    return await ErrorAsync(context, 404, "Not Found");
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        return status;
    }

    private async Task<int> AnswerAsync(HttpContext context, bool truncate, bool expiredLinks)
    {
        var version = context.Request.Headers["X-GitHub-Api-Version"].FirstOrDefault();
        if (version is not null && !s_apiVersions.Contains(version))
        {
            return await ErrorAsync(context, 410, $"API version '{version}' is not supported.");
        }

        var (allowed, remaining, used, reset) = _rateLimit.Take();
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit"] = _rateLimit.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = used.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        if (_options.TokenScopes is { } tokenScopes)
        {
            headers["X-OAuth-Scopes"] = string.Join(", ", tokenScopes);
        }

        headers["X-GitHub-Api-Version-Selected"] = version ?? s_apiVersions[0];
        if (!allowed)
        {
            return await ErrorAsync(context, 403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.");
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return await ErrorAsync(context, 404, "Not Found");
        }

        var segments = context.Request.Path.Value?.Trim('/').Split('/') ?? [];
        var accepted = SimulatedTokenScopes.Accepted(segments);
        if (_options.TokenScopes is { } granted && accepted.Count > 0 && !accepted.Any(s => SimulatedTokenScopes.Grants(granted, s)))
        {
            headers["X-Accepted-OAuth-Scopes"] = string.Join(", ", accepted);
            return await ErrorAsync(context, 403, "Resource not accessible by personal access token");
        }

        if (!_options.UsageMetricsPolicyEnabled && segments is [_, _, "copilot", "metrics", ..])
        {
            return await ErrorAsync(context, 403, "Copilot usage metrics are disabled by the 'Copilot usage metrics' policy.");
        }
        var now = _options.TimeProvider.GetUtcNow();
        var apiBase = $"{context.Request.Scheme}://{context.Request.Host}/";
        byte[]? body = null;
        if (segments is [_, _, "copilot", "metrics", "reports", ..])
        {
            var (reportStatus, reportBody) = Report(context, segments, expiredLinks);
            if (reportStatus != 200)
            {
                return reportStatus == 204 ? NoContent(context) : await ErrorAsync(context, reportStatus, reportBody is null ? "Not Found" : System.Text.Encoding.UTF8.GetString(reportBody));
            }

            body = reportBody;
        }

        switch (segments)
        {
            case ["rate_limit"]:
                body = GitHubJsonWriter.RateLimit(_rateLimit.Limit, remaining, used, reset);
                break;
            case ["orgs", var login, "copilot", "billing"] when Population.FindOrganization(login) is { } organization:
                headers["X-Accepted-OAuth-Scopes"] = "manage_billing:copilot, read:org";
                body = GitHubJsonWriter.Billing(organization, Population.OrganizationSeats(organization), now);
                break;
            case ["orgs", var login, "copilot", "billing", "seats"] when Population.FindOrganization(login) is { } organization:
                body = OrganizationSeats(context, organization, apiBase, now);
                break;
            case ["organizations", var id, "copilot", "billing", "seats"] when long.TryParse(id, CultureInfo.InvariantCulture, out var orgId) && Population.FindOrganization(orgId) is { } organization:
                body = OrganizationSeats(context, organization, apiBase, now);
                break;
            case ["organizations", var login, "settings", "billing", "premium_request", "usage"] when _options.BillingUsageAvailable && Population.FindOrganization(login) is { } organization:
                body = BillingUsage(context, organization, now);
                break;
            case ["enterprises", var slug, "settings", "billing", "premium_request", "usage"] when _options.BillingUsageAvailable && slug.Equals(Population.Enterprise, StringComparison.OrdinalIgnoreCase):
                body = BillingUsage(context, null, now);
                break;
            case ["enterprises", var slug, "copilot", "billing", "seats"] when slug.Equals(Population.Enterprise, StringComparison.OrdinalIgnoreCase):
                headers["X-Accepted-OAuth-Scopes"] = "manage_billing:copilot, read:enterprise";
                var (offset, count) = Page(context, Population.EnterpriseSeatCount, $"{apiBase}enterprises/{Population.Enterprise}/copilot/billing/seats");
                body = GitHubJsonWriter.SeatsPage(Population.Users.Count, Enumerable.Range(offset, count).Select(Population.EnterpriseSeat), true, apiBase, now);
                break;
        }

        if (body is null)
        {
            return await ErrorAsync(context, 404, "Not Found");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        if (truncate)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return 200;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return 200;
    }

    /// <summary>The premium request usage of one day (<c>year</c>, <c>month</c>, <c>day</c>); null (404) for a day that is not a date.</summary>
    private byte[]? BillingUsage(HttpContext context, SimulatedOrganization? organization, DateTimeOffset now)
    {
        var query = context.Request.Query;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return SimulatedBilling.Day(query["year"].FirstOrDefault(), query["month"].FirstOrDefault(), query["day"].FirstOrDefault(), today) is { } day && day <= today
            ? SimulatedBilling.Usage(Population, organization, day)
            : null;
    }

    /// <summary>A report endpoint: its links, 204/404 for a day without data, 404 for an unknown report, 422 for a bad <c>day</c>.</summary>
    private (int Status, byte[]? Body) Report(HttpContext context, string[] segments, bool expiredLinks)
    {
        SimulatedOrganization? organization = null;
        string entity;
        switch (segments)
        {
            case ["orgs", var login, ..] when Population.FindOrganization(login) is { } found:
                organization = found;
                entity = "organization";
                context.Response.Headers["X-Accepted-OAuth-Scopes"] = "read:org";
                break;
            case ["enterprises", var slug, ..] when slug.Equals(Population.Enterprise, StringComparison.OrdinalIgnoreCase):
                entity = "enterprise";
                context.Response.Headers["X-Accepted-OAuth-Scopes"] = "manage_billing:copilot, read:enterprise";
                break;
            default:
                return (404, null);
        }

        var rest = segments[5..];
        var (kind, latest) = rest switch
        {
            [var k] when k == $"{entity}-1-day" || k is "users-1-day" or "user-teams-1-day" or "repos-1-day" => (k, false),
            [var k, "latest"] when k == $"{entity}-28-day" || k is "users-28-day" => (k, true),
            _ => (string.Empty, false),
        };
        if (kind.Length == 0)
        {
            return (404, null);
        }

        if (latest)
        {
            var (start, end) = _catalog.LatestRange();
            var links = _reportHost.Links(new SimulatedReport(organization, kind, null), expiredLinks);
            return (200, UsageReportWriter.Links(links, null, start, end));
        }

        var dayText = context.Request.Query["day"].FirstOrDefault();
        if (!SimulatedReportCatalog.TryParseDay(dayText, out var day))
        {
            return (422, System.Text.Encoding.UTF8.GetBytes(dayText is null ? "Invalid request.\n\n\"day\" wasn't supplied." : $"Invalid request.\n\nInvalid property /day: `{dayText}` is not a valid date."));
        }

        if (!_catalog.HasData(organization, day))
        {
            return (organization is null ? 404 : 204, null);
        }

        return (200, UsageReportWriter.Links(_reportHost.Links(new SimulatedReport(organization, kind, day), expiredLinks), day, null, null));
    }

    private static int NoContent(HttpContext context)
    {
        context.Response.StatusCode = 204;
        return 204;
    }

    private byte[] OrganizationSeats(HttpContext context, SimulatedOrganization organization, string apiBase, DateTimeOffset now)
    {
        context.Response.Headers["X-Accepted-OAuth-Scopes"] = "manage_billing:copilot, read:org";
        var total = organization.SeatedUsers.Count;
        var listed = Math.Max(0, total - _options.SeatsMissingFromListing);
        var (offset, count) = Page(context, listed, $"{apiBase}organizations/{organization.Id.ToString(CultureInfo.InvariantCulture)}/copilot/billing/seats");
        return GitHubJsonWriter.SeatsPage(total, Enumerable.Range(offset, count).Select(i => Population.OrganizationSeat(organization, i)), false, apiBase, now);
    }

    /// <summary>Reads <c>page</c>/<c>per_page</c> as GitHub does and writes the <c>Link</c> header; returns the slice to serve.</summary>
    private static (int Offset, int Count) Page(HttpContext context, int total, string linkBase)
    {
        var query = context.Request.Query;
        var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) && pp > 0 ? Math.Min(pp, MaxPerPage) : DefaultPerPage;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var lastPage = Math.Max(1, (total + perPage - 1) / perPage);
        var links = new List<string>();
        string Link(int number, string rel) => $"<{linkBase}?per_page={perPage.ToString(CultureInfo.InvariantCulture)}&page={number.ToString(CultureInfo.InvariantCulture)}>; rel=\"{rel}\"";
        if (page > 1)
        {
            links.Add(Link(Math.Min(page - 1, lastPage), "prev"));
        }

        if (page < lastPage)
        {
            links.Add(Link(page + 1, "next"));
            links.Add(Link(lastPage, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(1, "first"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        var offset = (int)Math.Min((long)(page - 1) * perPage, total);
        return (offset, Math.Min(perPage, total - offset));
    }

    private async Task<int> FaultAsync(HttpContext context, SimulatedFault fault)
    {
        var headers = context.Response.Headers;
        switch (fault.Kind)
        {
            case SimulatedFaultKind.RateLimited:
                var reset = _options.TimeProvider.GetUtcNow() + fault.Delay;
                var resetSeconds = (long)Math.Ceiling(reset.ToUnixTimeMilliseconds() / 1000.0);
                headers["x-ratelimit-limit"] = _rateLimit.Limit.ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-remaining"] = "0";
                headers["x-ratelimit-used"] = _rateLimit.Limit.ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-resource"] = "core";
                break;
            case SimulatedFaultKind.TooManyRequests:
                headers.RetryAfter = Math.Ceiling(fault.Delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                break;
            case SimulatedFaultKind.PermissionDenied:
                headers["X-OAuth-Scopes"] = "read:user, repo";
                headers["X-Accepted-OAuth-Scopes"] = context.Request.Path.StartsWithSegments("/enterprises", StringComparison.OrdinalIgnoreCase)
                    ? "manage_billing:copilot, read:enterprise"
                    : "manage_billing:copilot, read:org";
                break;
        }

        return await ErrorAsync(context, fault.StatusCode, fault.Message ?? "Error");
    }

    private static async Task<int> ErrorAsync(HttpContext context, int status, string message)
    {
        if (status == 204)
        {
            return NoContent(context);
        }

        var body = GitHubJsonWriter.Error(message, status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return status;
    }
}
