using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CopilotIngest.M365.Graph;

namespace CopilotIngest.M365.Auth;

/// <summary>
/// Puts the Graph bearer token on every request except pre-authenticated downloads. On a 401 it gets a fresh
/// token once (honouring a claims challenge) and repeats the request; a second 401 goes back to the caller.
/// </summary>
internal sealed class GraphAuthHandler(GraphTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(GraphRequestOptions.Anonymous, out var anonymous) && anonymous)
        {
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(null, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var claims = ClaimsChallenge(response.Headers.WwwAuthenticate);
        response.Dispose();
        if (claims is null)
        {
            tokens.Renew();
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(claims, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The decoded <c>claims</c> parameter of a Continuous Access Evaluation challenge, if any.</summary>
    internal static string? ClaimsChallenge(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges)
    {
        foreach (var challenge in challenges)
        {
            if (!"Bearer".Equals(challenge.Scheme, StringComparison.OrdinalIgnoreCase) || challenge.Parameter is null)
            {
                continue;
            }

            foreach (var part in challenge.Parameter.Split(','))
            {
                var pair = part.Split('=', 2);
                if (pair.Length == 2 && pair[0].Trim().Equals("claims", StringComparison.OrdinalIgnoreCase))
                {
                    var encoded = pair[1].Trim().Trim('"');
                    try
                    {
                        return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    }
                    catch (FormatException)
                    {
                        return null;
                    }
                }
            }
        }

        return null;
    }
}
