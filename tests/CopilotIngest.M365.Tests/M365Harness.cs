using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Auth;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Tests.Fakes;
using CopilotIngest.Simulation.Graph;
using CopilotIngest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Tests;

/// <summary>
/// Builds the M365 source the way the CLI does (configuration → <c>AddMicrosoft365Copilot</c>) with a fake Port,
/// a log collector and short retry delays, against a simulated Graph or any Graph URL.
/// </summary>
internal sealed class M365Harness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private M365Harness(ServiceProvider provider, FakePort port, ListLoggerProvider logs)
    {
        _provider = provider;
        Port = port;
        Logs = logs;
    }

    public FakePort Port { get; }

    public ListLoggerProvider Logs { get; }

    public IServiceProvider Services => _provider;

    public M365Options Options => _provider.GetRequiredService<IOptions<M365Options>>().Value;

    public M365TransportOptions Transport => _provider.GetRequiredService<IOptions<M365TransportOptions>>().Value;

    /// <summary>Settings that point the source at <paramref name="graph"/> with its client secret.</summary>
    public static Dictionary<string, string?> SettingsFor(SimulatedGraph graph) =>
        graph.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    public static M365Harness Create(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null, FakePort? port = null, Action<M365TransportOptions>? tune = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new ListLoggerProvider();
        port ??= new FakePort();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IEntitySink>(port);
        services.AddSingleton<IEntityStore>(port);
        configure?.Invoke(services);
        services.AddMicrosoft365Copilot(configuration);
        services.PostConfigure<M365TransportOptions>(options =>
        {
            options.RetryDelay = TimeSpan.FromMilliseconds(20);
            options.MaxRetryAttempts = 2;
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalRequestTimeout = TimeSpan.FromSeconds(30);
            tune?.Invoke(options);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new M365Harness(provider, port, logs);
    }

    /// <summary>Uses a fixed-token credential instead of Entra ID (for scripted servers).</summary>
    public static Action<IServiceCollection> WithStaticToken(string token = "test-token") =>
        services => services.AddSingleton(sp => new GraphTokenSource(() => new StaticTokenCredential(token), sp.GetRequiredService<IOptions<M365Options>>().Value));

    public IDataSet DataSet(string name) => _provider.GetServices<IDataSet>().Single(d => d.Name == name);

    public async Task<IReadOnlyList<DataSetResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var runner = new IngestionRunner(_provider.GetServices<IDataSet>(), _provider.GetRequiredService<ILogger<IngestionRunner>>());
        return await runner.RunAsync(cancellationToken);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
