namespace CopilotIngest.M365.Configuration;

/// <summary>
/// Retry and timeout tuning of the Graph and Entra ID calls. Not environment settings: defaults suit production, and
/// tests shorten them. Kept apart from <see cref="M365Options"/> so that building the HTTP pipelines never trips
/// the settings validation a second time.
/// </summary>
public sealed class M365TransportOptions
{
    /// <summary>Base delay of the exponential retry (429 and 503 use Retry-After instead).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Longest wait for the response headers of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Longest time for one request including every retry and Retry-After wait.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest time to read one report body (a large tenant's CSV is streamed).</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
