using CopilotIngest.Core.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;

namespace CopilotIngest.Core.Tests.Ingestion;

public sealed class IngestionRunnerTests
{
    [Fact]
    public async Task RunAsync_HttpClientTimeoutInOneDataSet_OthersStillRun()
    {
        var runner = new IngestionRunner(
            [
                new FakeDataSet("first", _ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.")),
                new FakeDataSet("second", _ => Task.FromResult(Ok("second"))),
            ],
            NullLogger<IngestionRunner>.Instance);

        var results = await runner.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["first", "second"], results.Select(r => r.Name));
        Assert.Contains("HttpClient.Timeout", results[0].Error, StringComparison.Ordinal);
        Assert.False(results[0].Cancelled);
        Assert.True(results[1].Succeeded);
    }

    [Fact]
    public async Task RunAsync_RunTokenCancelledDuringSecond_FirstKeptSecondCancelledThirdNotStarted()
    {
        using var cancellation = new CancellationTokenSource();
        var third = new FakeDataSet("third", _ => Task.FromResult(Ok("third")));
        var runner = new IngestionRunner(
            [
                new FakeDataSet("first", _ => Task.FromResult(Ok("first"))),
                new FakeDataSet("second", async token =>
                {
                    await cancellation.CancelAsync();
                    token.ThrowIfCancellationRequested();
                    return Ok("second");
                }),
                third,
            ],
            NullLogger<IngestionRunner>.Instance);

        var results = await runner.RunAsync(cancellation.Token);

        Assert.Equal(["first", "second", "third"], results.Select(r => r.Name));
        Assert.True(results[0].Succeeded);
        Assert.True(results[1].Cancelled);
        Assert.Contains("cancelled before it finished", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Cancelled);
        Assert.Contains("not started", results[2].Error, StringComparison.Ordinal);
        Assert.False(third.Ran);
    }

    private static DataSetResult Ok(string name) => new(name, 1, 1, 0, 0, []);

    private sealed class FakeDataSet(string name, Func<CancellationToken, Task<DataSetResult>> run) : IDataSet
    {
        public string Name => name;

        public bool Ran { get; private set; }

        public Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
        {
            Ran = true;
            return run(cancellationToken);
        }
    }
}
