using System.Net;
using CopilotIngest.Port.Http;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.Port.Tests;

public sealed class PortRetryDelayTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static TimeSpan? Delay(HttpResponseMessage? response) => PortRetryDelay.From(response, new FakeTimeProvider(s_now));

    [Fact]
    public void From_RetryAfterSeconds_ReturnsThem()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("Retry-After", "7"));
        Assert.Equal(TimeSpan.FromSeconds(7), Delay(response));
    }

    [Fact]
    public void From_RetryAfterDate_ReturnsTimeUntilThen()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, ("Retry-After", s_now.AddSeconds(20).ToString("R")));
        Assert.Equal(TimeSpan.FromSeconds(20), Delay(response));
    }

    [Fact]
    public void From_429WithResetAsEpochSeconds_ReturnsTimeUntilReset()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("x-ratelimit-reset", (s_now.ToUnixTimeSeconds() + 30).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(TimeSpan.FromSeconds(30), Delay(response));
    }

    [Fact]
    public void From_429WithResetAsSecondsToWait_ReturnsThem()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("x-ratelimit-reset", "12"));
        Assert.Equal(TimeSpan.FromSeconds(12), Delay(response));
    }

    [Fact]
    public void From_ResetInThePast_ReturnsZero()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("x-ratelimit-reset", (s_now.ToUnixTimeSeconds() - 30).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(TimeSpan.Zero, Delay(response));
    }

    [Fact]
    public void From_WindowUsedUpOn503_WaitsForReset()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "5"));
        Assert.Equal(TimeSpan.FromSeconds(5), Delay(response));
    }

    [Fact]
    public void From_503WithWindowLeft_UsesBackoff()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, ("x-ratelimit-remaining", "10"), ("x-ratelimit-reset", "120"));
        Assert.Null(Delay(response));
    }

    [Fact]
    public void From_LongWait_ReturnedWhole()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("Retry-After", "3600"));
        Assert.Equal(TimeSpan.FromHours(1), Delay(response));
    }

    [Fact]
    public void From_RetryAfterAndResetBoth_RetryAfterWins()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("Retry-After", "1"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "300"));
        Assert.Equal(TimeSpan.FromSeconds(1), Delay(response));
    }

    [Fact]
    public void From_SuccessWithWindowUsedUp_NoRetryInstruction()
    {
        using var response = Response(HttpStatusCode.OK, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "5"));
        Assert.Null(Delay(response));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void From_UnreadableReset_UsesBackoff(string value)
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("x-ratelimit-reset", value));
        Assert.Null(Delay(response));
    }

    [Fact]
    public void From_NoResponse_UsesBackoff() => Assert.Null(Delay(null));
}
