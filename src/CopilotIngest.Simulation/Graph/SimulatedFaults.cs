using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Simulation.Graph;

/// <summary>Injected faults, each used up after its count of matching requests.</summary>
internal sealed class SimulatedFaults
{
    private readonly Lock _gate = new();
    private readonly List<(GraphFault Fault, int Remaining)> _faults = [];

    public void Add(GraphFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add((fault, fault.Count));
        }
    }

    /// <summary>Takes one use of the first fault matching <paramref name="path"/>, or returns null.</summary>
    public GraphFault? Take(string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if (remaining > 0 && path.StartsWith(fault.PathPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    _faults[i] = (fault, remaining - 1);
                    return fault;
                }
            }

            return null;
        }
    }

    /// <summary>Answers the fault; returns false for <see cref="GraphFaultKind.Delay"/> and <see cref="GraphFaultKind.TruncateBody"/>, which the normal answer carries out.</summary>
    public static async Task<bool> ApplyAsync(HttpContext context, GraphFault fault, TimeProvider timeProvider)
    {
        switch (fault.Kind)
        {
            case GraphFaultKind.Throttle:
                context.Response.Headers.RetryAfter = Seconds(fault.RetryAfter);
                await SimulatedGraphHandler.GraphErrorAsync(context, 429, "TooManyRequests", "Too many requests. Retry after the time given in the Retry-After header.");
                return true;
            case GraphFaultKind.Forbidden:
                await SimulatedGraphHandler.GraphErrorAsync(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
                return true;
            case GraphFaultKind.ExpiredToken:
                await SimulatedGraphHandler.GraphErrorAsync(context, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
                return true;
            case GraphFaultKind.ServerError:
                await SimulatedGraphHandler.GraphErrorAsync(context, 500, "generalException", "An internal server error occurred.");
                return true;
            case GraphFaultKind.ServiceUnavailable:
                context.Response.Headers.RetryAfter = Seconds(fault.RetryAfter);
                await SimulatedGraphHandler.GraphErrorAsync(context, 503, "serviceNotAvailable", "The service is temporarily unavailable.");
                return true;
            case GraphFaultKind.DropConnection:
                context.Abort();
                return true;
            case GraphFaultKind.Delay:
                await Task.Delay(fault.Delay, timeProvider, context.RequestAborted);
                return false;
            default:
                return false;
        }
    }

    private static string Seconds(TimeSpan wait) => ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
