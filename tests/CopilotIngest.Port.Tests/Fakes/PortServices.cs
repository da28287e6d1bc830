using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>Builds the services exactly as the CLI does (<c>AddPortApi</c>, and <c>AddPortWebhooks</c> when <c>webhookDataSets</c> is given, over flat settings), with short retry delays.</summary>
internal static class PortServices
{
    public static ServiceProvider Create(
        Uri baseAddress,
        Action<PortOptions>? tune = null,
        TimeProvider? timeProvider = null,
        ILoggerProvider? logs = null,
        IDictionary<string, string?>? settings = null,
        IReadOnlyCollection<string>? webhookDataSets = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["PORT_CLIENT_ID"] = FakePort.ClientId,
            ["PORT_CLIENT_SECRET"] = FakePort.ClientSecret,
            ["PORT_BASE_URL"] = baseAddress.ToString().TrimEnd('/'),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        if (logs is not null)
        {
            services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        services.AddPortApi(configuration);
        if (webhookDataSets is not null)
        {
            services.AddPortWebhooks(configuration, webhookDataSets);
        }

        services.PostConfigure<PortOptions>(options =>
        {
            options.MaxRetryAttempts = 2;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.MaxRateLimitWait = TimeSpan.FromSeconds(3);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.TotalRequestTimeout = TimeSpan.FromSeconds(20);
            tune?.Invoke(options);
        });
        return services.BuildServiceProvider();
    }
}
