using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CopilotIngest.M365.Graph;

/// <summary>
/// The typed Microsoft Graph client: Copilot reports (CSV or paged JSON, following a 302 to a pre-authenticated
/// download without the bearer token), licences, report privacy and tenant domains. Retries, Retry-After and
/// timeouts come from the resilience handler; every failure leaves as an <see cref="ApiException"/>,
/// <see cref="ReportNotAvailableException"/> or <see cref="ReportFormatException"/>.
/// </summary>
internal sealed partial class GraphClient(HttpClient httpClient, IOptions<M365Options> options, IOptions<M365TransportOptions> transport, TimeProvider timeProvider, ILogger<GraphClient> logger)
{
    internal const long MaxJsonBytes = 64L * 1024 * 1024;
    private const int MaxErrorBodyChars = 16 * 1024;
    private const int MaxRedirects = 3;

    private M365Options Settings => options.Value;

    public async Task<bool?> GetDisplayConcealedNamesAsync(CancellationToken cancellationToken)
    {
        var payload = await GetJsonAsync(Relative("v1.0/admin/reportSettings"), GraphJsonContext.Default.ReportSettingsPayload, GraphOperation.ReportSettings, cancellationToken);
        return payload.DisplayConcealedNames ?? payload.Value?.DisplayConcealedNames;
    }

    public async IAsyncEnumerable<SubscribedSkuPayload> GetSubscribedSkusAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = Relative("v1.0/subscribedSkus");
        while (next is not null)
        {
            var page = await GetJsonAsync(next, GraphJsonContext.Default.SubscribedSkuPage, GraphOperation.SubscribedSkus, cancellationToken);
            foreach (var sku in page.Value ?? [])
            {
                yield return sku;
            }

            next = NextLink(page.NextLink, GraphOperation.SubscribedSkus);
        }
    }

    public async Task<OrganizationPayload?> GetOrganizationAsync(CancellationToken cancellationToken)
    {
        var page = await GetJsonAsync(Relative("v1.0/organization?$select=id,verifiedDomains"), GraphJsonContext.Default.OrganizationPage, GraphOperation.Organization, cancellationToken);
        return page.Value?.FirstOrDefault();
    }

    /// <summary>The report's address for the configured API version, report version and <paramref name="period"/>.</summary>
    public Uri ReportUri(CopilotReport report, ReportPeriod period)
    {
        var version = Settings.Format == ReportFormat.JsonBeta ? "beta" : "v1.0";
        var arguments = Settings.ReportV2 ? $"period='{period.Value}',version='v2'" : $"period='{period.Value}'";
        return Relative($"{version}/copilot/reports/{report.Function}({arguments})");
    }

    /// <summary>
    /// Streams the rows of a report. The answer's content type decides the parser (JSON pages or CSV), so an API that
    /// answers in the other format than documented is still read.
    /// </summary>
    public IAsyncEnumerable<IReportRow> GetReportRowsAsync(CopilotReport report, ReportPeriod period, ReportReadState state, CancellationToken cancellationToken)
    {
        var operation = GraphOperation.Report(report.Function);
        return Guard(ReadReportAsync(report, ReportUri(report, period), operation, state, cancellationToken), operation, cancellationToken);
    }

    private async IAsyncEnumerable<IReportRow> ReadReportAsync(CopilotReport report, Uri uri, GraphOperation operation, ReportReadState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(transport.Value.DownloadTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        Uri? next = uri;
        var page = 0;
        while (next is not null)
        {
            page++;
            using var response = await OpenAsync(next, operation, streamed: true, token);
            await using var body = await response.Content.ReadAsStreamAsync(token);
            if (!IsJson(response))
            {
                LogCsvReport(report.Function);
                await foreach (var row in CsvReportReader.ReadAsync(body, report.RequiredColumns, state, token))
                {
                    yield return row;
                }

                yield break;
            }

            var payload = await DeserializeAsync(body, GraphJsonContext.Default.ReportPagePayload, operation, token);
            var item = 0;
            foreach (var element in payload.Value ?? throw new ReportFormatException($"{Capitalize(operation.Description)} answered JSON without a 'value' array."))
            {
                item++;
                foreach (var row in JsonReportRows.Flatten(element, report.JsonRowArray, $"item {item} of page {page}", state))
                {
                    yield return row;
                }
            }

            next = NextLink(payload.NextLink, operation);
        }

        state.MarkFinished();
    }

    private async Task<T> GetJsonAsync<T>(Uri uri, JsonTypeInfo<T> typeInfo, GraphOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await OpenAsync(uri, operation, streamed: false, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await DeserializeAsync(body, typeInfo, operation, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, operation, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private static async Task<T> DeserializeAsync<T>(Stream body, JsonTypeInfo<T> typeInfo, GraphOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var limited = new LimitedReadStream(body, MaxJsonBytes, Capitalize(operation.Description));
            return await JsonSerializer.DeserializeAsync(limited, typeInfo, cancellationToken)
                ?? throw new ReportFormatException($"{Capitalize(operation.Description)} answered with JSON null.");
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException($"{Capitalize(operation.Description)} answered with JSON of an unexpected shape (at {ex.Path ?? "?"}, line {ex.LineNumber}).", ex);
        }
    }

    /// <summary>Sends a GET and follows redirects to pre-authenticated download URLs without the bearer token.</summary>
    private async Task<HttpResponseMessage> OpenAsync(Uri uri, GraphOperation operation, bool streamed, CancellationToken cancellationToken)
    {
        var response = await SendAsync(uri, operation, anonymous: false, streamed, cancellationToken);
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || hops >= MaxRedirects)
            {
                throw new ApiException(GraphErrors.Service, HttpStatusCode.Redirect, $"Microsoft Graph redirected {operation.Description} {(location is null ? "without a Location header" : "too many times")}.");
            }

            var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (target.Scheme != Uri.UriSchemeHttps && !BaseUrl.IsLoopback(target))
            {
                throw new ApiException(GraphErrors.Service, HttpStatusCode.Redirect, $"Microsoft Graph redirected {operation.Description} to a non-HTTPS address; refusing to download it.");
            }

            LogRedirect(operation.Description, target.Host);
            response = await SendAsync(target, operation, anonymous: true, streamed, cancellationToken);
        }

        return response;
    }

    /// <summary>
    /// One GET through the resilience pipeline. Unless <paramref name="streamed"/> (report bodies, read under
    /// <see cref="M365TransportOptions.DownloadTimeout"/>), the whole body is read inside each attempt, under its timeout.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Uri uri, GraphOperation operation, bool anonymous, bool streamed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
        if (anonymous)
        {
            request.Options.Set(GraphRequestOptions.Anonymous, true);
        }

        if (streamed)
        {
            request.Options.Set(ResponseBufferingHandler.Streamed, true);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, operation, cancellationToken) is { } translated)
        {
            throw translated;
        }

        LogResponse(operation.Description, (int)response.StatusCode);
        if (response.IsSuccessStatusCode || IsRedirect(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            var body = await ReadErrorBodyAsync(response, cancellationToken);
            var requestId = response.Headers.TryGetValues("request-id", out var ids) ? ids.FirstOrDefault() : null;
            throw GraphErrors.FromResponse(response.StatusCode, body, requestId, operation, Settings);
        }
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            var buffer = new char[MaxErrorBodyChars];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            return new string(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return string.Empty;
        }
    }

    private Uri? NextLink(string? nextLink, GraphOperation operation)
    {
        if (string.IsNullOrEmpty(nextLink))
        {
            return null;
        }

        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var next))
        {
            throw new ReportFormatException($"{Capitalize(operation.Description)} answered with an @odata.nextLink that is not an absolute URL.");
        }

        var graph = Settings.GraphUrl;
        if (!string.Equals(next.GetLeftPart(UriPartial.Authority), graph.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(GraphErrors.Service, null, $"{Capitalize(operation.Description)} answered with an @odata.nextLink to {next.Host}, outside {M365Settings.GraphUrl} ({graph.Host}); refusing to send the token there.");
        }

        return next;
    }

    /// <summary>Maps transport failures to messages; returns null for exceptions that pass unchanged.</summary>
    private ApiException? Translate(Exception exception, GraphOperation operation, CancellationToken cancellationToken) => exception switch
    {
        ApiException or ReportFormatException or ReportNotAvailableException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        ServiceCircuitOpenException open => new ApiException(GraphErrors.Service, null, $"The connection to Microsoft Graph failed during {operation.Description}: {open.Message}", exception),
        TimeoutRejectedException or OperationCanceledException => new ApiException(GraphErrors.Service, null,
            $"Microsoft Graph did not answer {operation.Description} in time (each attempt may take {transport.Value.AttemptTimeout.TotalSeconds:0.#} s, a report download {transport.Value.DownloadTimeout.TotalMinutes:0.#} min), also on retry. The next run will fetch the data again.", exception),
        HttpRequestException or IOException => new ApiException(GraphErrors.Service, null,
            $"The connection to Microsoft Graph failed during {operation.Description}: {exception.Message} The next run will fetch the data again; behind a proxy, check that it lets {Settings.GraphUrl.Host} through.", exception),
        _ => null,
    };

    private IAsyncEnumerable<T> Guard<T>(IAsyncEnumerable<T> source, GraphOperation operation, CancellationToken cancellationToken) =>
        GuardCore(source, operation, cancellationToken);

    private async IAsyncEnumerable<T> GuardCore<T>(IAsyncEnumerable<T> source, GraphOperation operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            T current;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }

                current = enumerator.Current;
            }
            catch (Exception ex) when (Translate(ex, operation, cancellationToken) is { } translated)
            {
                throw translated;
            }

            yield return current;
        }
    }

    private Uri Relative(string pathAndQuery) => new(Settings.GraphUrl, pathAndQuery);

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Moved or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Microsoft Graph answered {Status} for {Operation}")]
    private partial void LogResponse(string operation, int status);

    [LoggerMessage(EventId = 212, Level = LogLevel.Debug, Message = "Following the redirect of {Operation} to a pre-authenticated download on {Host} (without the token)")]
    private partial void LogRedirect(string operation, string host);

    [LoggerMessage(EventId = 213, Level = LogLevel.Debug, Message = "Reading {Function} as CSV")]
    private partial void LogCsvReport(string function);
}
