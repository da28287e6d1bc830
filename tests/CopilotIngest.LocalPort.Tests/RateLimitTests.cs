using System.Globalization;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.LocalPort.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task EveryResponse_CarriesRateLimitHeaders_RemainingCountsDown()
    {
        await using var port = await TestPort.StartAsync(rateLimit: 100);

        using var first = await port.SendAsync(HttpMethod.Get, "/v1/blueprints");
        using var unauthorized = await port.SendAsync(HttpMethod.Get, "/v1/blueprints", authorized: false);
        using var notFound = await port.SendAsync(HttpMethod.Get, "/v1/blueprints/ghost");

        foreach (var response in new[] { first, unauthorized, notFound })
        {
            Assert.Equal("100", Header(response, "x-ratelimit-limit"));
            Assert.Equal("300", Header(response, "x-ratelimit-period"));
            Assert.Equal(TestPort.Start.AddMinutes(5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(response, "x-ratelimit-reset"));
        }

        // The token request in StartAsync was the first request of the window.
        Assert.Equal(["98", "97", "96"], new[] { first, unauthorized, notFound }.Select(r => Header(r, "x-ratelimit-remaining")));
    }

    [Fact]
    public async Task OverTheLimit_Returns429WithRetryAfterUntilTheWindowResets()
    {
        await using var port = await TestPort.StartAsync(rateLimit: 3);
        await port.CallAsync(HttpMethod.Get, "/v1/blueprints");
        await port.CallAsync(HttpMethod.Get, "/v1/blueprints");

        using var limited = await port.SendAsync(HttpMethod.Get, "/v1/blueprints");
        var body = await TestPort.ReadAsync(limited);
        port.Time.Advance(TimeSpan.FromMinutes(5));
        using var after = await port.SendAsync(HttpMethod.Get, "/v1/blueprints");

        PortAssert.Error(429, "too_many_requests", (int)limited.StatusCode, body);
        Assert.Equal(TimeSpan.FromMinutes(5), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("0", Header(limited, "x-ratelimit-remaining"));
        Assert.Equal(200, (int)after.StatusCode);
        Assert.Equal("2", Header(after, "x-ratelimit-remaining"));
    }

    [Fact]
    public async Task OverTheLimit_CountsRequestsAndRejections()
    {
        await using var port = await TestPort.StartAsync(rateLimit: 3);
        for (var i = 0; i < 4; i++)
        {
            using var _ = await port.SendAsync(HttpMethod.Get, "/v1/blueprints");
        }

        // The token request in StartAsync was the first request of the window: 5 requests, the last 2 over the limit.
        Assert.Equal(5, port.Server.RequestCount);
        Assert.Equal(2, port.Server.RateLimitedCount);
    }

    [Fact]
    public async Task RequestCountsByKind_SearchesBulkWritesAndRejections_CountedByWhatTheyDo()
    {
        await using var port = await TestPort.StartAsync(rateLimit: 5);
        var search = """{"query":{"combinator":"and","rules":[]},"limit":10}""";
        using (await port.SendAsync(HttpMethod.Post, "/v1/blueprints/_user/entities/search", search))
        using (await port.SendAsync(HttpMethod.Post, "/v1/entities/search", """{"combinator":"and","rules":[]}"""))
        using (await port.SendAsync(HttpMethod.Post, "/v1/blueprints/_user/entities/bulk?upsert=true", """{"entities":[{"identifier":"a@b.c","title":"A"}]}"""))
        using (await port.SendAsync(HttpMethod.Get, "/v1/blueprints"))
        using (await port.SendAsync(HttpMethod.Post, "/v1/blueprints/_user/entities/search", search))
        {
        }

        var counts = port.Server.RequestCountsByKind();

        // The token request in StartAsync was the first request of the window; the last search was over the limit and still counts.
        Assert.Equal(1, counts["token"]);
        Assert.Equal(3, counts["search"]);
        Assert.Equal(1, counts["bulk upsert"]);
        Assert.Equal(1, counts["blueprints, scorecards, pages"]);
        Assert.Equal(port.Server.RequestCount, counts.Values.Sum());
        Assert.Equal(1, port.Server.RateLimitedCount);
    }

    [Fact]
    public async Task RequestArrivals_BulkUpsertsAtTwoTimes_RecordsEachArrivalInOrder()
    {
        await using var port = await TestPort.StartAsync();
        var bulk = """{"entities":[{"identifier":"a@b.c","title":"A"}]}""";
        var first = port.Time.GetUtcNow();
        using (await port.SendAsync(HttpMethod.Post, "/v1/blueprints/_user/entities/bulk?upsert=true", bulk))
        {
        }

        port.Time.Advance(TimeSpan.FromSeconds(3));
        using (await port.SendAsync(HttpMethod.Post, "/v1/blueprints/_user/entities/bulk?upsert=true", bulk))
        {
        }

        Assert.Equal([first, first.AddSeconds(3)], port.Server.RequestArrivals("bulk upsert"));
        Assert.Single(port.Server.RequestArrivals("token"));
        Assert.Empty(port.Server.RequestArrivals("search"));
    }

    [Fact]
    public void Hit_ShortWindowStartedMidSecond_ResetIsTheWindowsTrueEndInWholeSeconds()
    {
        var time = new FakeTimeProvider(TestPort.Start.AddMilliseconds(500));
        var window = new RateLimitWindow(2, TimeSpan.FromSeconds(1), time);

        var first = window.Hit();
        window.Hit();
        var over = window.Hit();
        time.Advance(TimeSpan.FromMilliseconds(500));
        var next = window.Hit();

        // The window is the whole second the first request fell in: the reset header is exact, and at that second the budget is full again.
        Assert.Equal(TestPort.Start.AddSeconds(1).ToUnixTimeSeconds(), first.ResetEpochSeconds);
        Assert.Equal((true, TimeSpan.FromMilliseconds(500)), (over.Exceeded, over.UntilReset));
        Assert.Equal((false, 1), (next.Exceeded, next.Remaining));
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
