using System.Diagnostics;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Port.Tests;

/// <summary>
/// A Port that cannot be reached, or accepts and never answers, stops the run after one retry budget shared by every
/// batch and the token request, with a message naming the settings to check; and a body that stalls after the headers
/// is timed out and retried like any other failed attempt.
/// </summary>
public sealed class PortFailFastTests
{
    private const string Blueprint = TestEntities.Blueprint;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two retries (three attempts) per call, 300 ms per attempt: the circuit opens after three unanswered attempts.</summary>
    private static void Short(PortOptions options)
    {
        options.MaxRetryAttempts = 2;
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
    }

    private static async Task<UpsertReport> UpsertManyAsync(Uri baseAddress, int entities)
    {
        await using var services = PortServices.Create(baseAddress, Short);
        return await services.GetRequiredService<IEntitySink>().UpsertAsync(Blueprint, TestEntities.Stream(TestEntities.Many(entities)), Ct);
    }

    [Fact]
    public async Task UpsertAsync_TokenRequestNeverAnswered_StopsAfterOneSharedBudget()
    {
        await using var port = await FakePort.StartAsync((context, _) => Hang.Forever(context));
        port.TokenHandler = (context, _) => Hang.Forever(context);

        var clock = Stopwatch.StartNew();
        var report = await UpsertManyAsync(port.BaseAddress, 200);
        clock.Stop();

        Assert.Equal(200, report.Failed);
        Assert.Equal(3, port.TokenRequests);
        Assert.Empty(port.Requests);
        Assert.All(report.Failures, f =>
        {
            Assert.Contains("PORT_BASE_URL", f.Message, StringComparison.Ordinal);
            Assert.Contains("PORT_ATTEMPT_TIMEOUT", f.Message, StringComparison.Ordinal);
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task UpsertAsync_TokenRequestNeverAnsweredWithDefaultRetries_StopsAfterThreeTimedOutAttempts()
    {
        await using var port = await FakePort.StartAsync((context, _) => Hang.Forever(context));
        port.TokenHandler = (context, _) => Hang.Forever(context);

        // Five retries (Port's default): without a limit on silence the circuit waits for six unanswered attempts,
        // which with the default 30 s attempt timeout is more than three minutes of a Port that never answers.
        await using var services = PortServices.Create(port.BaseAddress, o =>
        {
            Short(o);
            o.MaxRetryAttempts = 5;
        });
        var report = await services.GetRequiredService<IEntitySink>().UpsertAsync(Blueprint, TestEntities.Stream(TestEntities.Many(100)), Ct);

        Assert.Equal(100, report.Failed);
        Assert.Equal(3, port.TokenRequests);
        Assert.All(report.Failures, f => Assert.Contains("PORT_ATTEMPT_TIMEOUT", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceCircuit_UnansweredAttemptsWithinTheSilenceLimit_StaysClosedUntilTheBudget()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var circuits = new RunCircuits(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, time);
        var circuit = circuits.For("Port", "PORT_BASE_URL", budget: 6, stopsRun: true, silenceLimit: TimeSpan.FromSeconds(45));

        // A burst of concurrent failures in a short outage does not open it: five attempts failed within a moment.
        for (var i = 0; i < 5; i++)
        {
            circuit.RecordFailure(new TaskCanceledException());
        }

        Assert.False(circuit.IsOpen);
        circuit.RecordAnswer();
        circuit.RecordFailure(new TaskCanceledException());
        time.Advance(TimeSpan.FromSeconds(46));
        circuit.RecordFailure(new TaskCanceledException());
        Assert.False(circuit.IsOpen);

        // The third unanswered attempt in a row, 46 s after the first: open, although the budget is six.
        circuit.RecordFailure(new TaskCanceledException());
        Assert.True(circuit.IsOpen);
        Assert.Contains("3 attempts in a row over 46 s", circuit.OpenMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_ApiNeverAnswers_AttemptsBoundedAcrossAllBatches()
    {
        await using var port = await FakePort.StartAsync((context, _) => Hang.Forever(context));

        var clock = Stopwatch.StartNew();
        var report = await UpsertManyAsync(port.BaseAddress, 200);
        clock.Stop();

        // Ten batches of 20; without a shared budget each would spend three attempts (thirty in all).
        Assert.Equal(200, report.Failed);
        Assert.InRange(port.Requests.Count, 3, 3 + PortOptions.DefaultMaxConcurrency);
        Assert.Equal(1, port.TokenRequests);
        Assert.All(report.Failures, f => Assert.Contains("PORT_BASE_URL", f.Message, StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task UpsertAsync_NothingListens_FailsFastNamingSetting()
    {
        var clock = Stopwatch.StartNew();
        var report = await UpsertManyAsync(Hang.ClosedPort(), 200);
        clock.Stop();

        Assert.Equal(200, report.Failed);
        Assert.All(report.Failures, f =>
        {
            Assert.Contains("PORT_BASE_URL", f.Message, StringComparison.Ordinal);
            Assert.Contains("3 attempts in a row", f.Message, StringComparison.Ordinal);
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task UpsertAsync_AnAnswerBetweenFailures_RefillsTheBudget()
    {
        var calls = 0;
        await using var port = await FakePort.StartAsync(async (context, request) =>
        {
            // Every other call hangs once: never three unanswered attempts in a row.
            if (Interlocked.Increment(ref calls) % 2 == 1)
            {
                await Hang.Forever(context);
                return;
            }

            await (Bodies.IsSearch(request) ? Respond.Search(context, []) : Respond.BulkOk(context, request));
        });

        await using var services = PortServices.Create(port.BaseAddress, o =>
        {
            Short(o);
            o.MaxConcurrency = 1;
        });
        var report = await services.GetRequiredService<IEntitySink>().UpsertAsync(Blueprint, TestEntities.Stream(TestEntities.Many(60)), Ct);

        Assert.Equal(60, report.Upserted);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public async Task SearchEntitiesAsync_BodyStallsAfterHeaders_TimesOutAndRetries()
    {
        var attempts = 0;
        await using var port = await FakePort.StartAsync(async (context, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"ok\":true,\"entities\":[", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Hang.Forever(context);
                return;
            }

            await Respond.Search(context, [new JsonObject { ["identifier"] = "acme@0001" }]);
        });
        await using var services = PortServices.Create(port.BaseAddress, Short);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(15));

        var page = await services.GetRequiredService<PortClient>().SearchEntitiesAsync(Blueprint, new EntitySearchRequest(new JsonObject { ["combinator"] = "and", ["rules"] = new JsonArray() }), bound.Token);

        Assert.Equal("acme@0001", Assert.Single(page.Entities)["identifier"]!.GetValue<string>());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void ServiceCircuit_OpensAfterBudgetOfUnansweredAttempts_AndStaysOpen()
    {
        var circuits = new RunCircuits(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var circuit = circuits.For("Port", "PORT_BASE_URL", budget: 2, stopsRun: true);

        circuit.RecordFailure(new HttpRequestException("refused", null, null));
        circuit.RecordAnswer();
        circuit.RecordFailure(new HttpRequestException("refused", null, null));
        Assert.False(circuit.IsOpen);
        circuit.RecordFailure(new TaskCanceledException());
        circuit.RecordAnswer();

        Assert.True(circuit.IsOpen);
        Assert.Same(circuit, circuits.StoppingRun);
        var refused = Assert.Throws<ServiceCircuitOpenException>(() => circuit.ThrowIfOpen());
        Assert.Contains("PORT_BASE_URL", refused.Message, StringComparison.Ordinal);
    }
}
