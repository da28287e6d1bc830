using System.Net;
using CopilotIngest.GitHub.Client;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Client;

public sealed class GitHubRateLimitTests
{
    private static readonly TimeSpan s_secondary = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Classify_RemainingZeroWithReset_WaitsUntilReset()
    {
        var verdict = Classify(HttpStatusCode.Forbidden, null, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", (_time.GetUtcNow().ToUnixTimeSeconds() + 120).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(verdict.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(120), verdict.Wait);
    }

    [Fact]
    public void Classify_429WithRetryAfter_WaitsRetryAfter()
    {
        var verdict = Classify(HttpStatusCode.TooManyRequests, null, ("Retry-After", "30"));

        Assert.True(verdict.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(30), verdict.Wait);
    }

    [Fact]
    public void Classify_403WithRetryAfterAndRemaining_PrefersRetryAfter()
    {
        var verdict = Classify(HttpStatusCode.Forbidden, "You have exceeded a secondary rate limit", ("Retry-After", "5"), ("x-ratelimit-remaining", "4000"));

        Assert.Equal(TimeSpan.FromSeconds(5), verdict.Wait);
    }

    [Fact]
    public void Classify_SecondaryLimitMessageWithoutHeaders_WaitsSecondaryWait()
    {
        var verdict = Classify(HttpStatusCode.Forbidden, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", ("x-ratelimit-remaining", "4321"));

        Assert.True(verdict.IsRateLimited);
        Assert.Equal(s_secondary, verdict.Wait);
    }

    [Fact]
    public void Classify_429WithoutHeaders_WaitsSecondaryWait() =>
        Assert.Equal(s_secondary, Classify(HttpStatusCode.TooManyRequests, null).Wait);

    [Fact]
    public void Classify_RemainingZeroWithoutReset_WaitsSecondaryWait() =>
        Assert.Equal(s_secondary, Classify(HttpStatusCode.Forbidden, null, ("x-ratelimit-remaining", "0")).Wait);

    [Fact]
    public void Classify_ResetInThePast_WaitsNothing()
    {
        var verdict = Classify(HttpStatusCode.Forbidden, null, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", (_time.GetUtcNow().ToUnixTimeSeconds() - 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(verdict.IsRateLimited);
        Assert.Equal(TimeSpan.Zero, verdict.Wait);
    }

    [Theory]
    [InlineData("Resource not accessible by personal access token")]
    [InlineData("Must have admin rights to Repository.")]
    [InlineData(null)]
    public void Classify_PermissionForbidden_IsNotRateLimited(string? message) =>
        Assert.False(Classify(HttpStatusCode.Forbidden, message, ("x-ratelimit-remaining", "4999")).IsRateLimited);

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.OK)]
    public void Classify_OtherStatuses_AreNotRateLimited(HttpStatusCode status) =>
        Assert.False(Classify(status, "rate limit", ("x-ratelimit-remaining", "0"), ("Retry-After", "3")).IsRateLimited);

    private RateLimitVerdict Classify(HttpStatusCode status, string? message, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return GitHubRateLimit.Classify(status, response.Headers, message, s_secondary, _time);
    }
}
