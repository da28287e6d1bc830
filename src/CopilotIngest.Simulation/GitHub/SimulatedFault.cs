namespace CopilotIngest.Simulation.GitHub;

/// <summary>A failure to inject for requests under a path prefix; see <see cref="SimulatedGitHub.InjectFault"/>.</summary>
public sealed record SimulatedFault(SimulatedFaultKind Kind, int StatusCode = 0, TimeSpan Delay = default, string? Message = null)
{
    public static SimulatedFault PermissionDenied(string message = "Resource not accessible by personal access token") =>
        new(SimulatedFaultKind.PermissionDenied, 403, Message: message);

    /// <summary>The primary rate limit is used up; it resets <paramref name="resetAfter"/> from now (rounded up to the next whole second).</summary>
    public static SimulatedFault RateLimited(TimeSpan resetAfter) =>
        new(SimulatedFaultKind.RateLimited, 403, resetAfter, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.");

    public static SimulatedFault SecondaryRateLimit() =>
        new(SimulatedFaultKind.SecondaryRateLimit, 403, Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");

    public static SimulatedFault TooManyRequests(TimeSpan retryAfter) =>
        new(SimulatedFaultKind.TooManyRequests, 429, retryAfter, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");

    public static SimulatedFault ServerError(int statusCode = 502) =>
        new(SimulatedFaultKind.ServerError, statusCode, Message: "Server Error");

    public static SimulatedFault Latency(TimeSpan delay) => new(SimulatedFaultKind.Latency, 0, delay);

    public static SimulatedFault DropConnection() => new(SimulatedFaultKind.DropConnection);

    public static SimulatedFault TruncatedBody() => new(SimulatedFaultKind.TruncatedBody);

    public static SimulatedFault PaymentMethodProblem() =>
        new(SimulatedFaultKind.Status, 422, Message: "There is a problem with your account's associated payment method.");

    /// <summary>For a report endpoint: the links of the answer have already expired, as when a download starts too late.</summary>
    public static SimulatedFault ExpiredLinks() => new(SimulatedFaultKind.ExpiredLinks);

    public static SimulatedFault Status(int statusCode, string message) => new(SimulatedFaultKind.Status, statusCode, Message: message);
}
