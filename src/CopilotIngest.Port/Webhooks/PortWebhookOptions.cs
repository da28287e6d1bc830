namespace CopilotIngest.Port.Webhooks;

/// <summary>How to reach Port's webhooks: <c>PORT_WEBHOOK_SECRET</c> and the <c>PORT_WEBHOOK_URL_*</c> of the enabled data sets.</summary>
public sealed class PortWebhookOptions
{
    /// <summary>Port takes at most 500 items a request (the rest are ignored).</summary>
    public const int DefaultMaxItems = 500;

    /// <summary>Port answers 413 above 512 KiB.</summary>
    public const int DefaultMaxBytes = 512 * 1024;

    public string? Secret { get; set; }

    /// <summary>Ingest URL by data set name (as configured; only the enabled data sets are checked).</summary>
    public Dictionary<string, string?> Urls { get; } = new(StringComparer.Ordinal);

    /// <summary>The data sets this run ingests; each needs its URL.</summary>
    public List<string> EnabledDataSets { get; } = [];

    public int MaxItems { get; set; } = DefaultMaxItems;

    public int MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The ingest URL of the data set writing <paramref name="blueprint"/>, or null.</summary>
    public Uri? UrlFor(string blueprint) =>
        WebhookDataSet.ForBlueprint(blueprint) is { } dataSet && Urls.GetValueOrDefault(dataSet.Name) is { Length: > 0 } url
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
}
