using CopilotIngest.Core.Sinks;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.GitHub.Tests;

/// <summary>Builds the real GitHub registrations (options, typed client, resilience, data set) with short retry delays.</summary>
internal static class GitHubTestHost
{
    public static ServiceProvider Create(
        Uri apiUrl,
        string token,
        IDictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null,
        Action<GitHubOptions>? tune = null,
        IEntitySink? sink = null,
        ILoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            [GitHubSettingNames.Token] = token,
            [GitHubSettingNames.ApiUrl] = apiUrl.ToString(),
            [GitHubSettingNames.Organizations] = "octo-web,octo-data",
            [GitHubSettingNames.Enterprise] = "octo-ent",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        sink ??= new FakePort();
        services.AddSingleton(sink);
        services.AddSingleton(sink as IEntityStore ?? new FakePort());
        services.AddGitHubCopilot(configuration, options =>
        {
            options.MaxRetries = 3;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.SecondaryRateLimitWait = TimeSpan.FromMilliseconds(50);
            options.MaxRateLimitWait = TimeSpan.FromSeconds(10);
            options.DownloadTimeout = TimeSpan.FromSeconds(10);
            tune?.Invoke(options);
        });
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static GitHubClient Client(this ServiceProvider provider) => provider.GetRequiredService<GitHubClient>();

    public static UsageReportReader Reports(this ServiceProvider provider) => provider.GetRequiredService<UsageReportReader>();

    public static T DataSet<T>(this ServiceProvider provider)
        where T : IDataSet => provider.GetServices<IDataSet>().OfType<T>().Single();
}
