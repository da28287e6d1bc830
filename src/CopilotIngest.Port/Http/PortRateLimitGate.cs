using System.Globalization;
using System.Net;
using CopilotIngest.Core.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Http;

/// <summary>
/// Shared by every Port call of the run; keeps the run under Port's request limit instead of provoking 429s.
/// <list type="bullet">
/// <item>Pacing: each answer's <c>x-ratelimit-remaining</c> / <c>-reset</c> (and <c>-limit</c>) say how much of the window
/// is left. While plenty is left calls go at once; once the remainder gets low it is spread evenly over the time to the
/// reset, and when it is used up no call starts before the reset.</item>
/// <item>A 429 stops new calls for as long as Port asks: <c>Retry-After</c> wins over <c>x-ratelimit-reset</c>.</item>
/// <item>Concurrency starts at half of <c>PORT_MAX_CONCURRENCY</c>, rises by one per round of answers while the
/// budget is healthy, and halves on a 429.</item>
/// <item>A wait longer than <c>PORT_MAX_RATE_LIMIT_WAIT</c> is not started: the call fails with a message naming it.</item>
/// </list>
/// Waits happen before a call enters the resilience pipeline, so they never count against the attempt timeout.
/// </summary>
internal sealed partial class PortRateLimitGate(TimeProvider timeProvider, IOptions<PortOptions> options, ILogger<PortRateLimitGate> logger)
{
    /// <summary>Share of the window's limit below which the remaining requests are spread over the time to the reset.</summary>
    private const double LowWaterShare = 0.2;

    /// <summary>Added to a reset time read in whole seconds, so the first call of the next window does not arrive early.</summary>
    private static readonly TimeSpan s_resetMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits shorter than this are pacing, not worth a log line.</summary>
    private static readonly TimeSpan s_logThreshold = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private DateTimeOffset _notBefore;
    private DateTimeOffset _nextSlot;
    private DateTimeOffset _loggedUntil;
    private long? _remaining;
    private long? _limit;
    private DateTimeOffset _resetAt;
    private int _sentSinceObserved;
    private int _outstanding;
    private bool _exactAtWindowEnd = true;
    private TaskCompletionSource? _answered;
    private int _inFlight;
    private double _allowed;

    private int Ceiling => Math.Max(1, options.Value.MaxConcurrency);

    /// <summary>Calls currently allowed at once (for tests and logs).</summary>
    public int AllowedConcurrency
    {
        get
        {
            lock (_lock)
            {
                return CurrentAllowed();
            }
        }
    }

    /// <summary>Waits for a concurrency slot; dispose the result when the call is over.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _inFlight < CurrentAllowed())
            {
                _inFlight++;
                return new Lease(this);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            await waiter.Task;
        }

        return new Lease(this);
    }

    /// <summary>
    /// Waits until this call may start: after any wait Port asked for, at its place in the paced schedule. Near the end
    /// of a window, where the answers still on their way might or might not have been counted, it waits for them rather
    /// than for the reset: once every call sent in the window is answered, the lowest remaining seen is exact, and the
    /// window's last requests are used instead of left unused. After a 429 (the budget is shared with someone else) it
    /// keeps a reserve instead for the rest of the run. Dispose the result once the call has its answer (or is over).
    /// </summary>
    public async Task<IDisposable> WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TimeSpan.Zero;
            bool log;
            Task? answered = null;
            Turn? turn = null;
            lock (_lock)
            {
                var now = timeProvider.GetUtcNow();
                if (_remaining is not null && now >= _resetAt)
                {
                    _remaining = null;
                }

                var start = Max(now, Max(_notBefore, _nextSlot));
                if (_remaining is { } remaining)
                {
                    var left = remaining - (_sentSinceObserved + 1) - (CurrentAllowed() - 1);
                    if (left <= 0)
                    {
                        var untilReset = _resetAt + s_resetMargin - now;
                        if (!_exactAtWindowEnd || remaining - _sentSinceObserved < 1)
                        {
                            start = Max(start, _resetAt + s_resetMargin);
                        }
                        else if (_outstanding > 0 && start < _resetAt && untilReset <= options.Value.MaxRateLimitWait)
                        {
                            answered = (_answered ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                            wait = untilReset;
                        }
                        else if (_outstanding > 0)
                        {
                            start = Max(start, _resetAt + s_resetMargin);
                        }

                        // Else every call sent in this window has been answered: the remaining is exact and one more fits.
                    }
                    else if (left <= LowWater() && _resetAt > start)
                    {
                        // The last of them still before the reset: a slot planned at the reset would leave one unused.
                        _nextSlot = start + ((_resetAt - start) / (left + 1));
                    }
                }

                if (answered is null)
                {
                    // Counted at once, though it may start later: calls scheduled meanwhile must not plan on the same slot.
                    turn = Grant();
                    wait = start - now;
                    if (wait <= TimeSpan.Zero)
                    {
                        return turn;
                    }
                }

                log = answered is null && wait >= s_logThreshold && start > _loggedUntil;
                if (log)
                {
                    _loggedUntil = start;
                }
            }

            if (answered is not null)
            {
                // Look again after the next answer, or at the reset at the latest.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(answered, Task.Delay(wait, timeProvider, timeout.Token));
                await timeout.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            try
            {
                var max = options.Value.MaxRateLimitWait;
                if (wait > max)
                {
                    LogWaitTooLong(wait.TotalSeconds, max.TotalSeconds);
                    throw WaitTooLong(wait, max);
                }

                if (log)
                {
                    LogWaiting(wait.TotalSeconds);
                }

                await Task.Delay(wait, timeProvider, cancellationToken);
                return turn!;
            }
            catch
            {
                lock (_lock)
                {
                    // Planned but never sent: it no longer takes a slot.
                    _sentSinceObserved = Math.Max(0, _sentSinceObserved - 1);
                }

                turn!.Dispose();
                throw;
            }
        }
    }

    /// <summary>Reads what one answer (any attempt) says about the window.</summary>
    public void Observe(HttpResponseMessage response)
    {
        var now = timeProvider.GetUtcNow();
        var headers = response.Headers;
        lock (_lock)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Retry-After wins: a 429 saying "retry after 1 s" with a window reset minutes away costs a second.
                var wait = RetryAfter.FromRetryAfter(headers, timeProvider) ?? RetryAfter.FromRateLimitReset(headers, timeProvider) ?? TimeSpan.FromSeconds(1);
                _notBefore = Max(_notBefore, now + wait);
                _remaining = null;

                // Someone else spends this budget too (another integration, another shard): keep the reserve from now on.
                _exactAtWindowEnd = false;
                _allowed = Math.Max(1, CurrentAllowed() / 2.0);
                return;
            }

            if (RetryAfter.RateLimitRemaining(headers) is { } remaining && RetryAfter.FromRateLimitReset(headers, timeProvider) is { } untilReset)
            {
                var resetAt = now + untilReset;
                var sameWindow = _remaining is not null && (resetAt - _resetAt).Duration() < TimeSpan.FromSeconds(1);
                if (!sameWindow || remaining < _remaining)
                {
                    _remaining = Math.Max(0, remaining);
                    _resetAt = resetAt;
                    _sentSinceObserved = 0;
                }

                if (RateLimitLimit(response) is { } limit)
                {
                    _limit = limit;
                }

                if (remaining <= 0)
                {
                    _notBefore = Max(_notBefore, resetAt + s_resetMargin);
                }
            }

            if (response.IsSuccessStatusCode && (_remaining is null || _remaining > LowWater()))
            {
                var allowed = CurrentAllowed();
                _allowed = Math.Min(Ceiling, allowed + (1.0 / allowed));
                ReleaseWaiters();
            }
        }
    }

    /// <summary>Where <see cref="PortRateLimitHandler"/> leaves a call's turn for <see cref="PortRateLimitObserver"/>, which ends it at the first answer.</summary>
    public static HttpRequestOptionsKey<IDisposable> TurnOption { get; } = new("copilot-ingest.port-turn");

    /// <summary>Counts a call given its turn, now or at a planned time (under the lock); disposing the result marks it answered.</summary>
    private Turn Grant()
    {
        _sentSinceObserved++;
        _outstanding++;
        return new Turn(this);
    }

    private void Answered()
    {
        TaskCompletionSource? answered;
        lock (_lock)
        {
            _outstanding--;
            answered = _answered;
            _answered = null;
        }

        answered?.TrySetResult();
    }

    private static ApiException WaitTooLong(TimeSpan wait, TimeSpan max) =>
        new(
            PortErrors.Service,
            HttpStatusCode.TooManyRequests,
            $"Port's rate limit asks for a pause of {wait.TotalSeconds:0} s before the next call, longer than {PortSettings.MaxRateLimitWait} ({max.TotalSeconds:0} s); the call was not made. " +
            $"Run again after the window resets, lower {PortSettings.MaxConcurrency}, or raise {PortSettings.MaxRateLimitWait}.");

    private static long? RateLimitLimit(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ratelimit-limit", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit
            : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private long LowWater() => Math.Max(2L * Ceiling, (long)Math.Ceiling((_limit ?? 0) * LowWaterShare));

    private int CurrentAllowed()
    {
        if (_allowed <= 0)
        {
            _allowed = Math.Max(1, Ceiling / 2);
        }

        return Math.Min(Ceiling, (int)_allowed);
    }

    private void Release()
    {
        lock (_lock)
        {
            _inFlight--;
            ReleaseWaiters();
        }
    }

    private void ReleaseWaiters()
    {
        while (_waiters.Count > 0 && _inFlight < CurrentAllowed())
        {
            if (_waiters.Dequeue().TrySetResult())
            {
                _inFlight++;
            }
        }
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Port's rate limit: pausing Port calls for {Seconds:0.#} s as Port asked")]
    private partial void LogWaiting(double seconds);

    [LoggerMessage(EventId = 513, Level = LogLevel.Warning, Message = "Port's rate limit asks for a pause of {Seconds:0} s, longer than " + PortSettings.MaxRateLimitWait + " ({MaxSeconds:0} s); failing the call instead of waiting")]
    private partial void LogWaitTooLong(double seconds, double maxSeconds);

    /// <summary>A call let through by <see cref="WaitTurnAsync"/>: disposed once its answer has been observed, or when it failed without one.</summary>
    private sealed class Turn(PortRateLimitGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Answered();
            }
        }
    }

    private sealed class Lease(PortRateLimitGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
