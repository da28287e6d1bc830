namespace CopilotIngest.GitHub.Client;

/// <summary>Whether a 403/429 was GitHub rate limiting (and how long to wait), or a real refusal.</summary>
/// <param name="IsRateLimited">True for a primary or secondary rate limit.</param>
/// <param name="Wait">How long GitHub asks us to wait before the next request.</param>
/// <param name="Reason">Which signal said so, for logs and messages.</param>
internal readonly record struct RateLimitVerdict(bool IsRateLimited, TimeSpan Wait, string Reason)
{
    public static RateLimitVerdict NotLimited { get; } = new(false, TimeSpan.Zero, "not rate limited");
}
