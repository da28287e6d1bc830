using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Auth;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Tenant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Microsoft 365 Copilot source: validated options, the Graph client and the data sets.</summary>
public static class M365ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the data sets <c>m365_summary</c>, <c>m365_users</c> and <c>m365_trend</c> with their Graph client, reading
    /// the settings of <see cref="M365Settings"/> from <paramref name="configuration"/> (validated on start).
    /// Does nothing when <c>INGEST_M365</c> is false. Needs <c>IEntitySink</c> and <c>IEntityStore</c> from the host.
    /// </summary>
    public static IServiceCollection AddMicrosoft365Copilot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        if (!M365Settings.IsEnabled(configuration, errors) && errors.Count == 0)
        {
            return services;
        }

        services.AddPrivacy(configuration);
        services.AddLicencePrices(configuration);
        services.AddOptions<M365Options>()
            .Configure(options => M365Settings.Fill(options, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<M365Options>, M365OptionsValidator>());
        services.AddOptions<M365TransportOptions>()
            .Configure(transport => transport.MaxRateLimitWait = M365Settings.ReadMaxRateLimitWait(configuration, new List<string>()));
        services.TryAddSingleton<RunCircuits>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<GitHubActionsAssertion>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .AddStandardResilienceHandler()
            .Configure(ConfigureResilience);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<M365Options>>().Value;
            var assertion = options.Auth == M365AuthMode.WorkloadIdentity && options.FederatedTokenFile is null
                ? sp.GetRequiredService<GitHubActionsAssertion>()
                : null;
            var transport = sp.GetRequiredService<IOptions<M365TransportOptions>>().Value;
            return new GraphTokenSource(() => GraphCredentialFactory.Create(options, transport, assertion), options);
        });
        services.AddTransient<GraphAuthHandler>();

        var graph = services.AddHttpClient<GraphClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        graph.AddStandardResilienceHandler().Configure(ConfigureResilience);
        graph.AddHttpMessageHandler<GraphAuthHandler>();

        // Inside the resilience handler, per attempt: the run's fail-fast circuit for Graph, and the whole body read
        // under the attempt timeout (report downloads, streamed under their own limit, are marked to pass through).
        graph.AddHttpMessageHandler(sp => new FailFastHandler(sp.GetRequiredService<RunCircuits>().For(
            GraphErrors.Service, M365Settings.ReachabilityHint, sp.GetRequiredService<IOptions<M365TransportOptions>>().Value.MaxRetryAttempts + 1)));
        graph.AddHttpMessageHandler(sp => new ResponseBufferingHandler(
            GraphClient.MaxJsonBytes,
            (request, limit) => new ApiException(GraphErrors.Service, System.Net.HttpStatusCode.OK, $"Microsoft Graph's answer to {request.RequestUri?.AbsolutePath} is larger than {limit / (1024 * 1024)} MiB: not the answer expected. Check {M365Settings.GraphUrl}.")));

        services.TryAddSingleton<TenantContextProvider>();
        services.TryAddSingleton<M365RunGuard>();
        services.AddReconciliation(configuration);
        services.AddSharding(configuration);
        services.TryAddSingleton<UserReconciler>();
        services.TryAddTransient<IdentifierMigration>();
        services.AddSingleton<IDataSet, M365SummaryDataSet>();
        services.AddSingleton<IDataSet, M365UsersDataSet>();
        services.AddSingleton<IDataSet, M365TrendDataSet>();
        return services;
    }

    private static HttpMessageHandler CreatePrimaryHandler(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<M365Options>>().Value;
        return ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(options.ExtraCaCertPath));
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<M365TransportOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        StandardResilience.Configure(
            resilience,
            new ResiliencePolicy
            {
                Service = GraphErrors.Service,
                MaxRetries = options.MaxRetryAttempts,
                BaseDelay = options.RetryDelay,
                AttemptTimeout = options.AttemptTimeout,
                TotalTimeout = options.TotalRequestTimeout,
                MaxServerWait = options.MaxRateLimitWait,
                MaxServerWaitSetting = M365Settings.MaxRateLimitWait,
                ServerWait = (response, _) => ValueTask.FromResult(
                    response.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable
                        ? RetryAfter.FromRetryAfter(response.Headers, timeProvider)
                        : null),
            },
            services.GetRequiredService<ILoggerFactory>().CreateLogger<GraphClient>());
    }
}
