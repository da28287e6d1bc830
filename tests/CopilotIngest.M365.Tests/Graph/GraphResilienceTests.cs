using System.Diagnostics;
using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.M365.Tests.Graph;

/// <summary>Long waits Graph asks for are bounded by a setting and logged when they start; JSON bodies are read under the attempt timeout.</summary>
public sealed class GraphResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetReportRowsAsync_RetryAfter700_FailsAtOnceNamingTheSetting()
    {
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers.RetryAfter = "700";
            await ScriptedGraph.ErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
        });
        await using var harness = ScriptedGraph.Harness(server, tune: o => o.MaxRateLimitWait = TimeSpan.FromSeconds(M365Settings.DefaultMaxRateLimitWaitSeconds));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains(M365Settings.MaxRateLimitWait, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains(harness.Logs.Lines, l => l.Text.Contains("00:11:40", StringComparison.Ordinal) && l.Text.Contains(M365Settings.MaxRateLimitWait, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetReportRowsAsync_RetryAfterWithinTheBound_LoggedWhenTheWaitStarts()
    {
        var calls = 0;
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                await ScriptedGraph.ErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
                return;
            }

            await ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv);
        });
        await using var harness = ScriptedGraph.Harness(server);

        var users = await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct);

        Assert.Equal(2, users.Count);
        Assert.Contains(harness.Logs.Lines, l => l.Text.Contains("HTTP 429", StringComparison.Ordinal) && l.Text.Contains("in 00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_MaxRateLimitWait_ReadAsSecondsAndValidated()
    {
        var errors = new List<string>();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [M365Settings.MaxRateLimitWait] = "900" }).Build();
        Assert.Equal(TimeSpan.FromSeconds(900), M365Settings.ReadMaxRateLimitWait(configuration, errors));

        var wrong = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [M365Settings.MaxRateLimitWait] = "ten minutes" }).Build();
        M365Settings.ReadMaxRateLimitWait(wrong, errors);
        Assert.Contains(errors, e => e.Contains(M365Settings.MaxRateLimitWait, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrganizationAsync_BodyStallsAfterHeaders_TimesOutAndRetries()
    {
        var calls = 0;
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            if (Interlocked.Increment(ref calls) == 1)
            {
                await context.Response.WriteAsync("{\"value\":[", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up on the attempt, as it should.
                }

                return;
            }

            await context.Response.WriteAsync("{\"value\":[{\"id\":\"tenant-1\",\"verifiedDomains\":[]}]}", context.RequestAborted);
        });
        await using var harness = ScriptedGraph.Harness(server, tune: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(15));

        var organization = await harness.Get<GraphClient>().GetOrganizationAsync(bound.Token);

        Assert.Equal("tenant-1", organization?.Id);
        Assert.Equal(2, calls);
    }
}
