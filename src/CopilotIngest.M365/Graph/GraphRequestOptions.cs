namespace CopilotIngest.M365.Graph;

/// <summary>Per-request flags read by the Graph handlers.</summary>
internal static class GraphRequestOptions
{
    /// <summary>Set on requests to pre-authenticated download URLs: the bearer token must not be sent there.</summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("CopilotIngest.M365.Anonymous");
}
