using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Client;

/// <summary>
/// Reads each response body completely inside the attempt, so a connection dropped mid-body or a body that
/// arrives too slowly is retried like any other transient failure, and refuses bodies over the size limit.
/// </summary>
internal sealed class ResponseBufferingHandler(IOptions<GitHubOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxResponseBytes;
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            if (response.Content.Headers.ContentLength > limit)
            {
                throw TooLarge(request, limit);
            }

            var original = response.Content;
            var buffer = await ReadLimitedAsync(original, limit, request, cancellationToken);
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

    private static async Task<MemoryStream> ReadLimitedAsync(HttpContent content, long limit, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(request, limit);
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

    private static ApiException TooLarge(HttpRequestMessage request, long limit) =>
        new(GitHubPayload.Service, HttpStatusCode.OK, $"GitHub's response for {request.RequestUri?.AbsolutePath} is larger than {limit} bytes, the most this job reads at once; check that GITHUB_API_URL points at the GitHub REST API.");
}
