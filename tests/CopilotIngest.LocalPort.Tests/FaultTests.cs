using System.Diagnostics;
using CopilotIngest.LocalPort.Faults;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class FaultTests
{
    private const string BulkPath = "/v1/blueprints/seats/entities/bulk";

    [Fact]
    public async Task Fault429_TwoTimes_AnswersRetryAfterTwiceThenServes()
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault(PathPrefix: BulkPath, StatusCode: 429, RetryAfter: TimeSpan.FromSeconds(1), Times: 2));

        var answers = new List<(int Status, string? RetryAfter, string Error)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await port.SendAsync(HttpMethod.Post, BulkPath + "?upsert=true", Samples.Bulk(Samples.Seat("a")));
            var body = await TestPort.ReadAsync(response);
            answers.Add(((int)response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(), body["error"]?.GetValue<string>() ?? "none"));
            Assert.True(response.Headers.Contains("x-ratelimit-remaining"));
        }

        Assert.Equal([(429, "1", "too_many_requests"), (429, "1", "too_many_requests"), (200, null, "none")], answers);
        Assert.Equal(0, port.Server.Faults.Pending);
        Assert.Equal(2, port.Server.Faults.Triggered);
    }

    [Theory]
    [InlineData(500, "internal_error")]
    [InlineData(502, "bad_gateway")]
    [InlineData(503, "service_unavailable")]
    [InlineData(504, "gateway_timeout")]
    [InlineData(401, "unauthorized")]
    public async Task FaultStatus_Once_AnswersPortShapeThenServes(int statusCode, string code)
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault("/v1/blueprints/seats", statusCode));

        var (status, body) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats");
        var (after, _) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats");

        PortAssert.Error(statusCode, code, status, body);
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task Fault413_AnswersPortsTooLargeBody()
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault(BulkPath, 413));

        var (status, body) = await port.CallAsync(HttpMethod.Post, BulkPath + "?upsert=true", Samples.Bulk(Samples.Seat("a")));

        Assert.Equal(413, status);
        Assert.Equal("""{"ok":false,"error":"request_too_large","message":"Request body is too large (limit is 1MiB)"}""", body.ToJsonString());
    }

    [Fact]
    public async Task FaultForOtherMethod_LeavesRequestAlone()
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault("/v1/blueprints/seats", 500, Method: "DELETE"));

        var (status, _) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints/seats");

        Assert.Equal(200, status);
        Assert.Equal(1, port.Server.Faults.Pending);
    }

    [Fact]
    public async Task FaultLatencyOnly_DelaysThenServes()
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault("/v1/blueprints", StatusCode: null, Latency: TimeSpan.FromMilliseconds(300)));
        var stopwatch = Stopwatch.StartNew();

        var (status, _) = await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        Assert.Equal(200, status);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(280), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public async Task FaultDropConnection_ClientSeesTransportError()
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault("/v1/blueprints", DropConnection: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => port.SendAsync(HttpMethod.Get, "/v1/blueprints"));
        Assert.Equal(200, (await port.CallAsync(HttpMethod.Get, "/v1/blueprints")).Status);
    }

    [Fact]
    public async Task Faults_ConcurrentRequests_EachUseConsumedExactlyOnce()
    {
        await using var port = await StartAsync();
        port.Server.Faults.Enqueue(new Fault("/v1/blueprints/seats", 503, Times: 25));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
        {
            using var response = await port.SendAsync(HttpMethod.Get, "/v1/blueprints/seats");
            return (int)response.StatusCode;
        }));

        Assert.Equal(25, statuses.Count(s => s == 503));
        Assert.Equal(35, statuses.Count(s => s == 200));
    }

    [Theory]
    [InlineData("", 500, 1)]
    [InlineData("/v1", 500, 0)]
    [InlineData("/v1", 99, 1)]
    [InlineData("/v1", 600, 1)]
    public void Enqueue_InvalidFault_Throws(string prefix, int status, int times)
    {
        var faults = new LocalPortFaults();

        Assert.ThrowsAny<ArgumentException>(() => faults.Enqueue(new Fault(prefix, status, Times: times)));
    }

    private static async Task<TestPort> StartAsync()
    {
        var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        return port;
    }
}
