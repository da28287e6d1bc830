using System.Globalization;
using CopilotIngest.Port.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.Port.Tests;

/// <summary>The gate's pacing at the end of a window, on a fake clock: what it knows from the answers, and when a call may go.</summary>
public sealed class PortRateLimitGateTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 10, 0, 0, 500, TimeSpan.Zero);
    private static readonly DateTimeOffset s_reset = s_now.AddMilliseconds(500);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A gate on a fake clock that has seen one answer: <paramref name="remaining"/> of 60 left until <see cref="s_reset"/>.</summary>
    private static (FakeTimeProvider Time, PortRateLimitGate Gate) AfterAnswer(int remaining)
    {
        var time = new FakeTimeProvider(s_now);
        var gate = new PortRateLimitGate(time, Microsoft.Extensions.Options.Options.Create(new PortOptions { MaxConcurrency = 4 }), NullLogger<PortRateLimitGate>.Instance);
        using var answer = Answer(remaining);
        gate.Observe(answer);
        return (time, gate);
    }

    private static HttpResponseMessage Answer(int remaining)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        response.Headers.Add("x-ratelimit-limit", "60");
        response.Headers.Add("x-ratelimit-remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("x-ratelimit-reset", s_reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return response;
    }

    [Fact]
    public async Task WaitTurnAsync_LastRequestsOfTheWindowAndEveryCallAnswered_GoOneAtATimeInsteadOfWaitingForTheReset()
    {
        var (time, gate) = AfterAnswer(remaining: 2);

        // Nothing is on its way, so 2 left is exact: the first call goes at once, though 3 calls could be in flight.
        var first = gate.WaitTurnAsync(Ct);
        Assert.True(first.IsCompletedSuccessfully);

        // The second waits for the first's answer: until then it cannot know whether the first was counted.
        var second = gate.WaitTurnAsync(Ct);
        await Task.Delay(100, Ct);
        Assert.False(second.IsCompleted);
        using (var answer = Answer(remaining: 1))
        {
            gate.Observe(answer);
        }

        (await first).Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
        Assert.Equal(s_now, time.GetUtcNow());
    }

    [Fact]
    public async Task WaitTurnAsync_WindowUsedUpAndEveryCallAnswered_WaitsForTheReset()
    {
        var (time, gate) = AfterAnswer(remaining: 0);

        var turn = gate.WaitTurnAsync(Ct);
        await Task.Delay(100, Ct);
        Assert.False(turn.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        (await turn.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
        Assert.True(time.GetUtcNow() > s_reset);
    }

    [Fact]
    public async Task WaitTurnAsync_CallStillUnansweredAtTheReset_GoesAtTheResetWithoutItsAnswer()
    {
        var (time, gate) = AfterAnswer(remaining: 1);

        using var first = await gate.WaitTurnAsync(Ct);
        var second = gate.WaitTurnAsync(Ct);
        await Task.Delay(100, Ct);
        Assert.False(second.IsCompleted);

        // The first call never answers (it hangs until its attempt timeout); the new window lets the second go.
        time.Advance(TimeSpan.FromSeconds(1));
        (await second.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task WaitTurnAsync_CallsPlannedForLaterInTheWindow_NeverMoreTurnsBeforeTheResetThanRemain()
    {
        var (time, gate) = AfterAnswer(remaining: 4);

        // Few left: the gate spreads the calls over the time to the reset, so later ones are planned, not started.
        (await gate.WaitTurnAsync(Ct)).Dispose();
        var waiting = Enumerable.Range(0, 5).Select(_ => gate.WaitTurnAsync(Ct)).ToList();
        while (time.GetUtcNow() < s_reset.AddMilliseconds(-10))
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5, Ct);
        }

        await Task.Delay(200, Ct);
        var started = 1 + waiting.Count(t => t.IsCompletedSuccessfully);
        Assert.InRange(started, 2, 4);

        time.Advance(TimeSpan.FromSeconds(1));
        foreach (var turn in waiting)
        {
            (await turn.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
        }
    }

    [Fact]
    public async Task WaitTurnAsync_AfterA429_KeepsAReserveAtTheWindowEndInsteadOfUsingTheLastRequest()
    {
        // Without a 429 the last request of a window goes at once (every call answered, the count is exact)...
        var (_, alone) = AfterAnswer(remaining: 1);
        Assert.True(alone.WaitTurnAsync(Ct).IsCompletedSuccessfully);

        // ...after one, someone else spends the budget too, so the gate no longer counts on having it to itself.
        var (time, shared) = AfterAnswer(remaining: 5);
        using (var tooMany = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests))
        {
            tooMany.Headers.Add("Retry-After", "0");
            shared.Observe(tooMany);
        }

        using (var answer = Answer(remaining: 1))
        {
            shared.Observe(answer);
        }

        var turn = shared.WaitTurnAsync(Ct);
        await Task.Delay(100, Ct);
        Assert.False(turn.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        (await turn.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }
}
