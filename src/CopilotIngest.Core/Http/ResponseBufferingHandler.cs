namespace CopilotIngest.Core.Http;

/// <summary>
/// Reads each response body completely inside the attempt (place it inside the resilience handler), so the attempt
/// timeout covers the body, and a connection dropped mid-body or a stalled body is retried like any other transient
/// failure. Refuses bodies over <paramref name="maxBytes"/> with the exception <paramref name="tooLarge"/> makes.
/// Requests marked with <see cref="Streamed"/> pass through unbuffered (large downloads that are streamed on purpose).
/// </summary>
public sealed class ResponseBufferingHandler(long maxBytes, Func<HttpRequestMessage, long, Exception> tooLarge) : DelegatingHandler
{
    /// <summary>Set to true on a request whose body the caller streams itself, under its own time limit.</summary>
    public static readonly HttpRequestOptionsKey<bool> Streamed = new("CopilotIngest.Core.Streamed");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Options.TryGetValue(Streamed, out var streamed) && streamed)
        {
            return response;
        }

        try
        {
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw tooLarge(request, maxBytes);
            }

            var original = response.Content;
            var buffer = await ReadLimitedAsync(original, request, cancellationToken);
            var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
            foreach (var header in original.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            content.Headers.ContentLength = buffer.Length;
            response.Content = content;
            original.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<MemoryStream> ReadLimitedAsync(HttpContent content, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw tooLarge(request, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException ex)
        {
            // A connection closed mid-body is transient: surface it the way the resilience pipeline retries.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The connection closed before the whole response arrived.", ex);
        }

        return buffer;
    }
}
