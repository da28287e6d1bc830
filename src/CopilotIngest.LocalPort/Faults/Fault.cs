namespace CopilotIngest.LocalPort.Faults;

/// <summary>
/// One scripted failure: the next <paramref name="Times"/> requests whose path starts with <paramref name="PathPrefix"/>
/// (and whose method is <paramref name="Method"/>, when given) are delayed by <paramref name="Latency"/>, then answered with
/// <paramref name="StatusCode"/> in Port's error shape, or have their connection dropped.
/// A null <paramref name="StatusCode"/> with no drop only adds latency and lets the request through.
/// </summary>
public sealed record Fault(
    string PathPrefix,
    int? StatusCode = 500,
    TimeSpan? RetryAfter = null,
    int Times = 1,
    TimeSpan? Latency = null,
    string? Method = null,
    bool DropConnection = false)
{
    public bool Matches(string method, string path) =>
        path.StartsWith(PathPrefix, StringComparison.Ordinal)
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));
}
