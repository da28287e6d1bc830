using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port;
using CopilotIngest.Port.Http;
using CopilotIngest.Port.Setup;
using CopilotIngest.Port.Sink;
using CopilotIngest.Port.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PortServiceCollectionExtensions
{
    private const string UserAgent = "copilot-ingest";

    /// <summary>
    /// Registers the Port API: <see cref="PortOptions"/> from <c>PORT_CLIENT_ID</c>, <c>PORT_CLIENT_SECRET</c>,
    /// <c>PORT_BASE_URL</c>, <c>PORT_MAX_CONCURRENCY</c> and <c>EXTRA_CA_CERT</c> (validated on start), the typed
    /// <see cref="PortClient"/> with token handling, rate-limit pacing and the standard resilience handler,
    /// <see cref="IEntitySink"/> (<see cref="PortEntitySink"/>), <see cref="IEntityStore"/> (<see cref="PortEntityStore"/>)
    /// and <see cref="PortSetup"/> (blueprints, scorecards, pages).
    /// </summary>
    public static IServiceCollection AddPortApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PortOptions>()
            .Configure(options => PortSettings.Read(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortOptions>, PortOptionsValidator>());

        services.TryAddSingleton<PortRateLimitGate>();
        services.TryAddSingleton<RunCircuits>();
        services.TryAddSingleton<PortTokenProvider>();
        services.TryAddTransient<PortAuthenticationHandler>();
        services.TryAddTransient<PortRateLimitObserver>();

        // Outermost first. The token request and the rate-limit waits run before the resilience handler, so neither
        // counts against an attempt's timeout; inside it, each attempt is refused once the run's circuit for Port is
        // open, reports to the rate-limit gate, and reads its whole body under the attempt timeout.
        var tokenClient = services.AddHttpClient(PortTokenProvider.HttpClientName, ConfigureClient);
        tokenClient.AddHttpMessageHandler(sp => new PortRateLimitHandler(sp.GetRequiredService<PortRateLimitGate>(), limitConcurrency: false));
        AddPipeline(tokenClient);

        var apiClient = services.AddHttpClient<PortClient>(ConfigureClient);
        apiClient.AddHttpMessageHandler<PortAuthenticationHandler>();
        apiClient.AddHttpMessageHandler(sp => new PortRateLimitHandler(sp.GetRequiredService<PortRateLimitGate>(), limitConcurrency: true));
        AddPipeline(apiClient);

        services.TryAddTransient<PortEntitySink>();
        services.AddTransient<IEntitySink>(sp => sp.GetRequiredService<PortEntitySink>());
        services.TryAddTransient<PortEntityStore>();
        services.AddTransient<IEntityStore>(sp => sp.GetRequiredService<PortEntityStore>());
        services.AddSingleton<ICatalogRelations, PortCatalogRelations>();
        services.TryAddTransient<BlueprintSetup>();
        services.TryAddTransient<ScorecardSetup>();
        services.TryAddTransient<PageSetup>();
        services.TryAddTransient<PortSetup>();
        services.TryAddTransient<WebhookSetup>();
        return services;
    }

    /// <summary>
    /// Registers delivery through Port webhooks (<c>USE_PORT_WEBHOOK=true</c>) on top of <see cref="AddPortApi"/>:
    /// <see cref="PortWebhookOptions"/> from <c>PORT_WEBHOOK_SECRET</c> and <c>PORT_WEBHOOK_URL_*</c> (each data set in
    /// <paramref name="enabledDataSets"/> needs its URL), the typed <see cref="PortWebhookClient"/> with the same pipeline
    /// as the API client (rate-limit gate, standard resilience, the run's circuit for Port), and replaces
    /// <see cref="IEntitySink"/> with <see cref="PortWebhookSink"/> and <see cref="IEntityStore"/> with
    /// <see cref="WebhookEntityStore"/> (lists through the API, deletes through the webhook).
    /// </summary>
    public static IServiceCollection AddPortWebhooks(this IServiceCollection services, IConfiguration configuration, IReadOnlyCollection<string> enabledDataSets)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(enabledDataSets);

        services.AddPortApi(configuration);
        services.AddOptions<PortWebhookOptions>()
            .Configure(options =>
            {
                options.Secret = configuration.GetSetting(PortWebhookSettings.Secret);
                foreach (var dataSet in WebhookDataSet.All)
                {
                    options.Urls[dataSet.Name] = configuration.GetSetting(dataSet.UrlSetting);
                }

                options.EnabledDataSets.AddRange(enabledDataSets);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortWebhookOptions>, PortWebhookOptionsValidator>());

        var webhookClient = services.AddHttpClient<PortWebhookClient>(ConfigureWebhookClient);
        webhookClient.AddHttpMessageHandler(sp => new PortRateLimitHandler(sp.GetRequiredService<PortRateLimitGate>(), limitConcurrency: true));
        AddPipeline(webhookClient);

        services.TryAddTransient<PortWebhookSink>();
        services.TryAddTransient<WebhookEntityStore>();
        services.RemoveAll<IEntitySink>();
        services.AddTransient<IEntitySink>(sp => sp.GetRequiredService<PortWebhookSink>());
        services.RemoveAll<IEntityStore>();
        services.AddTransient<IEntityStore>(sp => sp.GetRequiredService<WebhookEntityStore>());
        return services;
    }

    private static void ConfigureWebhookClient(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<PortOptions>>().Value;
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = options.MaxResponseBytes;
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<PortOptions>>().Value;
        client.BaseAddress = BaseUrl.Parse(options.BaseUrl);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = options.MaxResponseBytes;
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>
    /// Primary handler (with <c>EXTRA_CA_CERT</c>), the standard resilience handler, and inside it (per attempt) the
    /// run's fail-fast circuit for Port, the rate-limit observer and the body buffering.
    /// </summary>
    private static void AddPipeline(IHttpClientBuilder builder)
    {
        builder.ConfigurePrimaryHttpMessageHandler(services =>
            ExtraCaCertificate.CreateHandler(ExtraCaCertificate.Load(services.GetRequiredService<IOptions<PortOptions>>().Value.ExtraCaCertificatePath)));
        builder.AddStandardResilienceHandler().Configure((resilience, services) =>
        {
            if (ValidOptions(services) is { } options)
            {
                PortResilience.Configure(resilience, options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger<PortClient>());
            }
        });
        builder.AddHttpMessageHandler(services => new FailFastHandler(Circuit(services)));
        builder.AddHttpMessageHandler<PortRateLimitObserver>();
        builder.AddHttpMessageHandler(services => new ResponseBufferingHandler(
            services.GetRequiredService<IOptions<PortOptions>>().Value.MaxResponseBytes,
            (request, limit) => new ApiException(
                PortErrors.Service,
                System.Net.HttpStatusCode.OK,
                $"Port's answer to {request.Method} {request.RequestUri?.AbsolutePath} is larger than this client reads ({limit} bytes). Check {PortSettings.BaseUrl} points at Port's API.")));
    }

    /// <summary>
    /// The run's circuit for Port (shared by the token request and every API call): one retry budget for all batches,
    /// and open once three unanswered attempts in a row span more than one and a half attempt timeouts (three timed-out
    /// attempts of one caller span two), so a Port that accepts connections and never answers stops the run in about
    /// three attempt timeouts.
    /// </summary>
    internal static ServiceCircuit Circuit(IServiceProvider services)
    {
        var options = ValidOptions(services) ?? new PortOptions();
        return services.GetRequiredService<RunCircuits>().For(
            PortErrors.Service, PortSettings.ReachabilityHint, Math.Max(1, options.MaxRetryAttempts) + 1, stopsRun: true, silenceLimit: options.AttemptTimeout * 1.5);
    }

    /// <summary>
    /// The Port options, or null when they are invalid: start-up validation then reports their problems once,
    /// instead of once more for every pipeline that reads them.
    /// </summary>
    private static PortOptions? ValidOptions(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<PortOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
