using Microsoft.Extensions.Logging;

namespace CopilotIngest.Core.Http;

/// <summary>
/// Fail fast for one service for the whole run: every attempt of every call (all batches, the token request too) that
/// ends without an answer (connection refused or dropped, DNS failure, attempt timed out) spends one unit of a single
/// shared budget; any answer refills it. Once <see cref="Budget"/> attempts in a row went unanswered the circuit opens
/// and stays open: every later call fails at once with a message naming the settings to check, instead of each batch
/// running its own retry cycle against a service that is down.
/// With a <c>silenceLimit</c> it also opens after <see cref="SilenceMinimumFailures"/> unanswered attempts in a row
/// that span longer than that limit (from the first of them to the last, with no answer between): a service that
/// accepts connections and never answers then stops the run after about three attempt timeouts, not after the whole
/// retry budget of one caller, while a burst of concurrent failures in a short outage still has the whole budget.
/// </summary>
public sealed partial class ServiceCircuit(string service, string settingsHint, int budget, bool stopsRun, ILogger logger, TimeProvider? timeProvider = null, TimeSpan? silenceLimit = null)
{
    /// <summary>Unanswered attempts in a row that, with no answer for longer than the silence limit, open the circuit.</summary>
    public const int SilenceMinimumFailures = 3;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private DateTimeOffset _streakStart;
    private int _consecutiveFailures;
    private string? _openMessage;

    public string Service { get; } = service;

    /// <summary>Unanswered attempts in a row that open the circuit.</summary>
    public int Budget { get; } = Math.Max(1, budget);

    /// <summary>True for a service every data set needs (Port): once open, the remaining data sets are not started.</summary>
    public bool StopsRun { get; } = stopsRun;

    public bool IsOpen => Volatile.Read(ref _openMessage) is not null;

    /// <summary>Why the circuit opened; null while it is closed.</summary>
    public string? OpenMessage => Volatile.Read(ref _openMessage);

    /// <summary>Throws <see cref="ServiceCircuitOpenException"/> (with <paramref name="cause"/> inside) once the circuit is open.</summary>
    public void ThrowIfOpen(Exception? cause = null)
    {
        if (OpenMessage is { } message)
        {
            throw new ServiceCircuitOpenException(Service, message, cause);
        }
    }

    /// <summary>An answer arrived (whatever its status): the service is reachable.</summary>
    public void RecordAnswer()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
        }
    }

    /// <summary>An attempt ended without an answer; opens the circuit when the budget is spent.</summary>
    public void RecordFailure(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string? opened = null;
        lock (_gate)
        {
            if (_openMessage is not null)
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (++_consecutiveFailures == 1)
            {
                _streakStart = now;
            }

            var silence = now - _streakStart;
            var silent = silenceLimit is { } limit && _consecutiveFailures >= SilenceMinimumFailures && silence > limit;
            if (_consecutiveFailures >= Budget || silent)
            {
                var span = silent ? $" over {silence.TotalSeconds:0} s" : string.Empty;
                _openMessage = $"{Service} did not answer {_consecutiveFailures} attempts in a row{span} (last: {Describe(failure)}); " +
                    $"this run makes no further calls to it. Check {settingsHint}.";
                opened = _openMessage;
            }
        }

        if (opened is not null)
        {
            LogOpened(logger, failure, Service, opened);
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        OperationCanceledException => "the attempt timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "the connection was refused or could not be made",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name could not be resolved",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the connection closed before the answer was complete",
        HttpRequestException => "the connection failed",
        _ => failure.GetType().Name,
    };

    [LoggerMessage(EventId = 90, Level = LogLevel.Error, Message = "{Service} is unreachable for this run: {Reason}")]
    private static partial void LogOpened(ILogger logger, Exception exception, string service, string reason);
}
