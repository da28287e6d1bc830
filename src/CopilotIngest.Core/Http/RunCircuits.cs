using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Core.Http;

/// <summary>The <see cref="ServiceCircuit"/> of each service for this run (one per service, shared by all its clients).</summary>
public sealed class RunCircuits(ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, ServiceCircuit> _circuits = new(StringComparer.Ordinal);

    /// <summary>The circuit of <paramref name="service"/>, created on first use with the given hint and budget.</summary>
    public ServiceCircuit For(string service, string settingsHint, int budget, bool stopsRun = false) =>
        _circuits.GetOrAdd(service, name => new ServiceCircuit(name, settingsHint, budget, stopsRun, loggerFactory.CreateLogger<ServiceCircuit>()));

    /// <summary>An open circuit of a service every data set needs, or null.</summary>
    public ServiceCircuit? StoppingRun => _circuits.Values.FirstOrDefault(c => c.StopsRun && c.IsOpen);
}
