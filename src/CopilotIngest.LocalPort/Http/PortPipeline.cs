using System.Globalization;
using CopilotIngest.LocalPort.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.LocalPort.Http;

/// <summary>The middleware in front of every route: trace id and rate-limit headers, a 500 barrier, and fault injection.</summary>
internal static partial class PortPipeline
{
    /// <summary>Adds <c>X-Trace-Id</c> and the <c>x-ratelimit-*</c> headers to every answer; answers 429 beyond the limit.</summary>
    public static async Task DecorateAsync(HttpContext context, RequestDelegate next, RateLimitWindow window, RequestKinds kinds)
    {
        var traceId = Guid.NewGuid().ToString("N");
        var rate = window.Hit();
        kinds.Count(context.Request.Method, context.Request.Path.Value ?? string.Empty);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Trace-Id"] = traceId;
            headers["x-ratelimit-limit"] = rate.Limit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining"] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset"] = rate.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-period"] = rate.PeriodSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });

        if (rate.Exceeded)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(rate.UntilReset.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await new PortError(StatusCodes.Status429TooManyRequests, "too_many_requests",
                $"Rate limit exceeded ({rate.Limit} requests per {rate.PeriodSeconds} seconds); retry after the window resets.").WriteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Turns an unexpected exception into Port's 500 shape, never a stack trace; logs it for the operator.</summary>
    public static async Task GuardAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogAborted(logger, context.Request.Method, context.Request.Path);
        }
        catch (BadHttpRequestException ex)
        {
            LogBadRequest(logger, context.Request.Method, context.Request.Path, ex.StatusCode);
            if (!context.Response.HasStarted)
            {
                var error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? PortError.TooLarge() : PortError.BadRequest("The request could not be read.");
                await error.WriteAsync(context);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnhandled(logger, ex, context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await PortError.Internal().WriteAsync(context);
            }
            else
            {
                context.Abort();
            }
        }
    }

    /// <summary>Applies the first queued fault that matches the request.</summary>
    public static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, LocalPortFaults faults)
    {
        var fault = faults.TryTake(context.Request.Method, context.Request.Path.Value ?? string.Empty);
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.Latency is { } latency)
        {
            // Wall-clock time on purpose: a test's fake clock must not stall the network.
            await Task.Delay(latency, context.RequestAborted);
        }

        if (fault.DropConnection)
        {
            context.Abort();
            return;
        }

        if (fault.StatusCode is not { } status)
        {
            await next(context);
            return;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await FaultError(status).WriteAsync(context);
    }

    /// <summary>Port-shaped answers for statuses with no body: unknown routes (404), wrong methods (405).</summary>
    public static async Task StatusCodePageAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var route = $"{context.Request.Method}:{context.Request.Path}";
        var error = status switch
        {
            StatusCodes.Status404NotFound => PortError.NotFound($"Route {route} not found"),
            StatusCodes.Status405MethodNotAllowed => new PortError(status, "method_not_allowed", $"Route {route} not found: the path exists, the method does not"),
            _ => new PortError(status, "error", $"The request failed with status {status}"),
        };
        await error.WriteAsync(context);
    }

    private static PortError FaultError(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => PortError.TooLarge(),
        StatusCodes.Status429TooManyRequests => new PortError(status, "too_many_requests", "Rate limit exceeded; retry after the time in Retry-After."),
        StatusCodes.Status401Unauthorized => PortError.Unauthorized("The access token is invalid or has expired."),
        StatusCodes.Status404NotFound => PortError.NotFound("A resource with the provided identifier was not found"),
        StatusCodes.Status502BadGateway => new PortError(status, "bad_gateway", "Bad gateway"),
        StatusCodes.Status503ServiceUnavailable => new PortError(status, "service_unavailable", "The service is temporarily unavailable"),
        StatusCodes.Status504GatewayTimeout => new PortError(status, "gateway_timeout", "Gateway timeout"),
        >= 500 => PortError.Internal() with { StatusCode = status },
        _ => new PortError(status, "bad_request", $"Injected failure with status {status}"),
    };

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Local Port failed on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Local Port request {Method} {Path} was aborted by the client")]
    private static partial void LogAborted(ILogger logger, string method, PathString path);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Local Port could not read {Method} {Path}: status {Status}")]
    private static partial void LogBadRequest(ILogger logger, string method, PathString path, int status);
}
