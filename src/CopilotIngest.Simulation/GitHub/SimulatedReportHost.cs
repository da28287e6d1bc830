using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// The report download host (GitHub's <c>copilot-reports.github.com</c>) on its own loopback port. Links are signed
/// (HMAC over path and expiry) and expire after <see cref="SimulatedGitHubOptions.LinkLifetime"/> by the simulation's
/// clock; an expired or tampered link gets 403. A request carrying an <c>Authorization</c> header gets 401: signed
/// links are fetched without credentials, and the GitHub token must never arrive here.
/// </summary>
internal sealed class SimulatedReportHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatedReportCatalog _catalog;
    private readonly SimulatedGitHubOptions _options;
    private readonly byte[] _signingKey;
    private readonly FaultQueue _faults = new();
    private readonly ConcurrentQueue<SimulatedDownloadRequest> _requests = new();

    private SimulatedReportHost(WebApplication app, SimulatedReportCatalog catalog, SimulatedGitHubOptions options)
    {
        _app = app;
        _catalog = catalog;
        _options = options;
        _signingKey = BitConverter.GetBytes(StableHash.Of(options.Seed, 77));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<SimulatedDownloadRequest> Requests => [.. _requests];

    public int PendingFaults => _faults.Pending;

    public static async Task<SimulatedReportHost> StartAsync(SimulatedReportCatalog catalog, SimulatedGitHubOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.DownloadPort.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new SimulatedReportHost(app, catalog, options);
        app.Run(host.HandleAsync);
        await app.StartAsync(cancellationToken);
        host.BaseAddress = new Uri(app.Urls.First() + "/");
        return host;
    }

    public void InjectFault(string pathPrefix, SimulatedFault fault, int times) => _faults.Add(pathPrefix, fault, times);

    public void ClearFaults() => _faults.Clear();

    /// <summary>The signed links of every file of <paramref name="report"/>; <paramref name="expired"/> issues them already expired.</summary>
    public IReadOnlyList<string> Links(SimulatedReport report, bool expired)
    {
        var parts = _catalog.Parts(report);
        var now = _options.TimeProvider.GetUtcNow();
        var expiry = (expired ? now.AddSeconds(-1) : now + _options.LinkLifetime).ToUnixTimeSeconds();
        var slug = report.Organization?.Login ?? _catalog.Population.Enterprise;
        return [.. Enumerable.Range(1, parts).Select(part =>
        {
            var path = report.FilePath(slug, part, parts);
            return string.Create(CultureInfo.InvariantCulture, $"{BaseAddress.ToString().TrimEnd('/')}{path}?se={expiry}&sp=r&sig={Sign(path, expiry)}");
        })];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var hadAuthorization = request.Headers.ContainsKey("Authorization");
        var status = 0;
        try
        {
            status = await AnswerAsync(context, path, hadAuthorization);
        }
        finally
        {
            _requests.Enqueue(new SimulatedDownloadRequest(path, status, hadAuthorization));
        }
    }

    private async Task<int> AnswerAsync(HttpContext context, string path, bool hadAuthorization)
    {
        if (hadAuthorization)
        {
            return await TextAsync(context, 401, "<Error><Code>InvalidAuthenticationInfo</Code><Message>Signed report links must be fetched without an Authorization header.</Message></Error>");
        }

        var query = context.Request.Query;
        if (!long.TryParse(query["se"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiry) || query["sig"] != Sign(path, expiry))
        {
            return await TextAsync(context, 403, "<Error><Code>AuthenticationFailed</Code><Message>Signature did not match.</Message></Error>");
        }

        if (_options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() > expiry)
        {
            return await TextAsync(context, 403, "<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed: the link expired.</Message></Error>");
        }

        var fault = _faults.Take(path);
        if (fault is { Kind: SimulatedFaultKind.Latency })
        {
            await Task.Delay(fault.Delay, TimeProvider.System, context.RequestAborted);
            fault = null;
        }

        switch (fault?.Kind)
        {
            case SimulatedFaultKind.DropConnection:
                context.Abort();
                return 0;
            case SimulatedFaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = Math.Ceiling(fault.Delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return await TextAsync(context, 429, "Too many requests");
            case null or SimulatedFaultKind.TruncatedBody:
                break;
            default:
                return await TextAsync(context, fault.StatusCode, fault.Message ?? "Error");
        }

        if (Parse(path) is not { } file)
        {
            return await TextAsync(context, 404, "<Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>");
        }

        var body = _catalog.Render(file.Report, file.Part, file.Parts);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        context.Response.ContentLength = body.Length;
        if (fault is not null)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);

            // Wall-clock on purpose: the first half must reach the client before the reset, so the drop is mid-body.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, context.RequestAborted);
            context.Abort();
            return 200;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return 200;
    }

    private (SimulatedReport Report, int Part, int Parts)? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments is not ["copilot-reports", var scopeType, var slug, var kind, var day, var file] || !file.EndsWith(".ndjson", StringComparison.Ordinal))
        {
            return null;
        }

        SimulatedOrganization? organization = null;
        if (scopeType == "orgs")
        {
            organization = _catalog.Population.FindOrganization(slug);
            if (organization is null)
            {
                return null;
            }
        }
        else if (scopeType != "enterprises" || !slug.Equals(_catalog.Population.Enterprise, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        DateOnly? reportDay = null;
        if (day != "latest")
        {
            if (!SimulatedReportCatalog.TryParseDay(day, out var parsed))
            {
                return null;
            }

            reportDay = parsed;
        }

        var numbers = file[..^".ndjson".Length].Split("-of-");
        if (numbers.Length != 2 || !int.TryParse(numbers[0], CultureInfo.InvariantCulture, out var part) || !int.TryParse(numbers[1], CultureInfo.InvariantCulture, out var parts) || part < 1 || part > parts)
        {
            return null;
        }

        return (new SimulatedReport(organization, kind, reportDay), part, parts);
    }

    private string Sign(string path, long expiry) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes(path + "|" + expiry.ToString(CultureInfo.InvariantCulture))));

    private static async Task<int> TextAsync(HttpContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        return status;
    }
}
