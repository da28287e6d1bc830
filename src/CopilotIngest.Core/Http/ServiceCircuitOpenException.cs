namespace CopilotIngest.Core.Http;

/// <summary>
/// Thrown instead of sending a request once a service's <see cref="ServiceCircuit"/> has opened for the run. Not a
/// transient failure: the resilience pipeline does not retry it. The message names the service and the settings to check.
/// </summary>
public sealed class ServiceCircuitOpenException : Exception
{
    public ServiceCircuitOpenException(string service, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Service = service;
    }

    public ServiceCircuitOpenException()
        : this("unknown", "The service could not be reached.")
    {
    }

    public ServiceCircuitOpenException(string message)
        : this("unknown", message)
    {
    }

    public ServiceCircuitOpenException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string Service { get; }
}
