using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Core.Http;

/// <summary>The <see cref="ServiceCircuit"/> of each service for this run (one per service, shared by all its clients).</summary>
public sealed class RunCircuits(ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
{
    private readonly ConcurrentDictionary<string, ServiceCircuit> _circuits = new(StringComparer.Ordinal);

    /// <summary>The circuit of <paramref name="service"/>, created on first use with the given hint, budget and silence limit.</summary>
    public ServiceCircuit For(string service, string settingsHint, int budget, bool stopsRun = false, TimeSpan? silenceLimit = null) =>
        _circuits.GetOrAdd(service, name => new ServiceCircuit(name, settingsHint, budget, stopsRun, loggerFactory.CreateLogger<ServiceCircuit>(), timeProvider, silenceLimit));

    /// <summary>An open circuit of a service every data set needs, or null.</summary>
    public ServiceCircuit? StoppingRun => _circuits.Values.FirstOrDefault(c => c.StopsRun && c.IsOpen);
}
