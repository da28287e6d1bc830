using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Client;

/// <summary>
/// GitHub's two resilience pipelines in the one shape of <see cref="StandardResilience"/>. The API: rate-limit 403/429
/// wait exactly as long as GitHub asks, up to <c>GITHUB_MAX_RATE_LIMIT_WAIT</c>; a longer wait is not retried, so the
/// client reports it instead of sleeping for an hour. Report downloads: <c>Retry-After</c> of a 429/503 is honoured the
/// same way; a refused link (403, 404, 410) is not retried here, since only fresh links help, which the reader asks for.
/// </summary>
internal static class GitHubResilience
{
    /// <summary>What to check when GitHub cannot be reached, named in fail-fast messages.</summary>
    public const string ReachabilityHint = $"{GitHubSettingNames.ApiUrl}, the network and any proxy ({GitHubSettingNames.ExtraCaCert} for TLS-inspecting proxies)";

    public static void ConfigureApi(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        StandardResilience.Configure(resilience, Policy(options) with
        {
            ServerWait = async (response, cancellationToken) =>
            {
                var verdict = await GitHubRateLimit.ClassifyAsync(response, options.SecondaryRateLimitWait, timeProvider, cancellationToken);
                return verdict.IsRateLimited ? verdict.Wait : null;
            },
        }, services.GetRequiredService<ILoggerFactory>().CreateLogger<GitHubClient>());
    }

    public static void ConfigureDownloads(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        StandardResilience.Configure(resilience, Policy(options) with
        {
            ServerWait = (response, _) => ValueTask.FromResult(
                response.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable
                    ? RetryAfter.FromRetryAfter(response.Headers, timeProvider)
                    : null),
            Describe = request => request?.RequestUri is { } uri ? ReportFileLabel.Where(uri) : "?",
        }, services.GetRequiredService<ILoggerFactory>().CreateLogger<ReportDownloadClient>());
    }

    /// <summary>What to check when the report download host cannot be reached.</summary>
    public const string DownloadReachabilityHint = $"that proxies and egress firewalls let the report download host through (GitHub serves reports from copilot-reports.github.com; {GitHubSettingNames.ExtraCaCert} for TLS-inspecting proxies)";

    /// <summary>The run's circuit for GitHub's API.</summary>
    public static ServiceCircuit Circuit(IServiceProvider services) =>
        services.GetRequiredService<RunCircuits>().For("GitHub", ReachabilityHint, Budget(services));

    /// <summary>The run's circuit for the report download host.</summary>
    public static ServiceCircuit DownloadCircuit(IServiceProvider services) =>
        services.GetRequiredService<RunCircuits>().For("GitHub's report download host", DownloadReachabilityHint, Budget(services));

    private static int Budget(IServiceProvider services) =>
        Math.Max(1, services.GetRequiredService<IOptions<GitHubOptions>>().Value.MaxRetries) + 1;

    private static ResiliencePolicy Policy(GitHubOptions options) => new()
    {
        Service = "GitHub",
        MaxRetries = options.MaxRetries,
        BaseDelay = options.RetryBaseDelay,
        AttemptTimeout = options.AttemptTimeout,
        MaxServerWait = options.MaxRateLimitWait,
        MaxServerWaitSetting = GitHubSettingNames.MaxRateLimitWait,
        ServerWait = (_, _) => ValueTask.FromResult<TimeSpan?>(null),
    };
}
