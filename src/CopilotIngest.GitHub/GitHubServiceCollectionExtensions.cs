using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Auth;
using CopilotIngest.GitHub.Billing;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Snapshots;
using CopilotIngest.GitHub.Repos;
using CopilotIngest.GitHub.Teams;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.GitHub.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers GitHub Copilot ingestion: options (validated at start-up), the typed <see cref="GitHubClient"/> with its
/// credentials (<c>GITHUB_TOKEN</c> or GitHub App installation tokens, <see cref="GitHubAppTokenProvider"/>), the report
/// download client, and the data sets <c>github_seats</c>, <c>github_usage</c> and, when switched on,
/// <c>github_users</c>, <c>github_teams</c>, <c>github_seat_details</c>, <c>github_repos</c> and <c>github_billing</c>.
/// </summary>
public static class GitHubServiceCollectionExtensions
{
    public const string HttpClientName = nameof(GitHubClient);
    public const string DownloadHttpClientName = nameof(ReportDownloadClient);

    /// <summary>
    /// Adds everything GitHub when <c>INGEST_GITHUB</c> is true (the default); adds nothing when it is false.
    /// <paramref name="configure"/> adjusts the tuning values (retry delays, limits) after the settings are read.
    /// The data sets need an <see cref="CopilotIngest.Core.Sinks.IEntitySink"/> and an <see cref="CopilotIngest.Core.Sinks.IEntityStore"/>
    /// registered by the caller (the store finds the days Port lacks and reconciles snapshot sets).
    /// </summary>
    public static IServiceCollection AddGitHubCopilot(this IServiceCollection services, IConfiguration configuration, Action<GitHubOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var probe = new GitHubOptions();
        GitHubOptionsReader.Read(configuration, probe);
        if (!probe.Enabled && probe.SettingErrors.Count == 0)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GitHubOptions>()
            .Configure(options =>
            {
                GitHubOptionsReader.Read(configuration, options);
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>());

        services.TryAddSingleton<RunCircuits>();
        services.AddTransient<GitHubAuthorizationHandler>();
        services.TryAddSingleton<GitHubAppTokenProvider>();
        services.AddHostedService<GitHubSettingsWarnings>();
        var client = services.AddHttpClient<GitHubClient>(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(provider.GetRequiredService<IOptions<GitHubOptions>>().Value.ExtraCaCertPath)));

        // Outside the resilience handler: a 401 to an installation token is answered once with a freshly minted one.
        client.AddHttpMessageHandler<GitHubAuthorizationHandler>();
        client.AddStandardResilienceHandler().Configure(GitHubResilience.ConfigureApi);

        // Inside the resilience handler, per attempt: the run's fail-fast circuit for GitHub, and the whole body read
        // under the attempt timeout, so body failures are retried too.
        client.AddHttpMessageHandler(provider => new FailFastHandler(GitHubResilience.Circuit(provider)));
        client.AddHttpMessageHandler(BufferingHandler);

        // The GitHub App endpoints (installation lookup, token minting), called with the App's JWT.
        var app = services.AddHttpClient(GitHubAppTokenProvider.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(provider.GetRequiredService<IOptions<GitHubOptions>>().Value.ExtraCaCertPath)));
        app.AddStandardResilienceHandler().Configure(GitHubResilience.ConfigureApi);
        app.AddHttpMessageHandler(provider => new FailFastHandler(GitHubResilience.Circuit(provider)));
        app.AddHttpMessageHandler(BufferingHandler);

        // Report files: a client of their own without any authorization, so the token never reaches the download host.
        // Its default request logging is removed: it would log each signed link with its query string. Bodies are
        // streamed by the reader under GitHubOptions.DownloadTimeout.
        var downloads = services.AddHttpClient<ReportDownloadClient>(DownloadHttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(provider.GetRequiredService<IOptions<GitHubOptions>>().Value.ExtraCaCertPath)))
            .RemoveAllLoggers();
        downloads.AddStandardResilienceHandler().Configure(GitHubResilience.ConfigureDownloads);
        downloads.AddHttpMessageHandler(provider => new FailFastHandler(GitHubResilience.DownloadCircuit(provider)));
        services.TryAddSingleton<ICatalogRelations, NoCatalogRelations>();
        services.TryAddTransient<UsageReportReader>();

        // github_seats always lists the seats; github_users and github_seat_details list them again when switched on.
        // A sharded run deals each data set's scopes to the shards on its own, so a listing kept in one process would
        // seldom meet its other readers there: nothing is kept.
        var seatReaders = 1 + (probe.UserMetrics ? 1 : 0) + (probe.SeatDetails ? 1 : 0);
        services.TryAddSingleton(provider => new SeatListingCache(provider.GetRequiredService<ShardPlan>().IsSharded ? 1 : seatReaders));
        services.TryAddTransient<SeatListing>();
        services.TryAddTransient<IdentifierMigration>();
        services.AddPrivacy(configuration);
        services.AddLicencePrices(configuration);
        services.AddReconciliation(configuration);
        services.AddSharding(configuration);

        services.AddTransient<IDataSet, GitHubSeatsDataSet>();
        services.AddTransient<IDataSet, GitHubUsageDataSet>();

        // Opt-in data sets, registered only when switched on.
        if (probe.UserMetrics)
        {
            services.AddTransient<IDataSet, GitHubUsersDataSet>();
        }

        if (probe.TeamMetrics)
        {
            services.AddTransient<IDataSet, GitHubTeamsDataSet>();
        }

        if (probe.SeatDetails)
        {
            services.AddTransient<IDataSet, GitHubSeatDetailsDataSet>();
        }

        if (probe.RepoMetrics)
        {
            services.AddTransient<IDataSet, GitHubRepoUsageDataSet>();
        }

        if (probe.BillingUsage)
        {
            services.AddTransient<IDataSet, GitHubBillingDataSet>();
        }
        return services;
    }

    /// <summary>Reads each GitHub API response body whole inside the attempt, up to <c>MaxResponseBytes</c>.</summary>
    private static ResponseBufferingHandler BufferingHandler(IServiceProvider provider) => new(
        provider.GetRequiredService<IOptions<GitHubOptions>>().Value.MaxResponseBytes,
        (request, limit) => new ApiException(
            GitHubPayload.Service,
            System.Net.HttpStatusCode.OK,
            $"GitHub's response for {request.RequestUri?.AbsolutePath} is larger than {limit} bytes, the most this job reads at once; check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API."));
}
