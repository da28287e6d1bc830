using System.Net;

namespace CopilotIngest.Port.Http;

/// <summary>
/// Adds <c>Authorization: &lt;tokenType&gt; &lt;accessToken&gt;</c> to every call. On 401 it replaces the token and
/// sends the call once more; a second 401 goes back to the caller, which reports the credentials.
/// </summary>
internal sealed class PortAuthenticationHandler(PortTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(null, cancellationToken);
        request.Headers.Authorization = token.ToHeader();
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        var replacement = await tokens.GetTokenAsync(token, cancellationToken);
        request.Headers.Authorization = replacement.ToHeader();
        return await base.SendAsync(request, cancellationToken);
    }
}
