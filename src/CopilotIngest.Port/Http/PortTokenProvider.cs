using System.Net;
using CopilotIngest.Core.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Http;

/// <summary>
/// Gets access tokens from <c>POST /v1/auth/access_token</c> and caches them until shortly before expiry.
/// Port hands back the same active token until it expires, so a fresh token can be close to expiry: it is then
/// replaced halfway through its remaining life, and a token rejected with 401 is replaced at once.
/// </summary>
internal sealed partial class PortTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<PortOptions> options,
    TimeProvider timeProvider,
    ILogger<PortTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "CopilotIngest.Port.Token";

    private static readonly PortOperation s_operation = new("requesting an access token");

    private readonly SemaphoreSlim _gate = new(1, 1);
    private PortAccessToken? _current;

    /// <summary>Returns a valid token; <paramref name="rejected"/> is a token Port just refused, which is then replaced even if not yet due.</summary>
    public async Task<PortAccessToken> GetTokenAsync(PortAccessToken? rejected, CancellationToken cancellationToken)
    {
        var current = _current;
        if (IsUsable(current, rejected))
        {
            return current!;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (IsUsable(current, rejected))
            {
                return current!;
            }

            _current = await RequestAsync(cancellationToken);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool IsUsable(PortAccessToken? token, PortAccessToken? rejected) =>
        token is not null && !ReferenceEquals(token, rejected) && timeProvider.GetUtcNow() < token.RefreshAt;

    private async Task<PortAccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/auth/access_token")
        {
            Content = PortTransport.Json(new TokenRequest(settings.ClientId ?? string.Empty, settings.ClientSecret ?? string.Empty), PortJsonContext.Default.TokenRequest),
        };
        var response = await PortTransport.SendAsync(client, request, s_operation, cancellationToken);
        if (!response.IsSuccess)
        {
            LogTokenRequestFailed((int)response.StatusCode, response.TraceId ?? "none");
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PortErrors.Credentials(response.TraceId),
                HttpStatusCode.NotFound => new ApiException(
                    PortErrors.Service,
                    response.StatusCode,
                    $"Port has no token endpoint at {client.BaseAddress}v1/auth/access_token (404). Check {PortSettings.BaseUrl} (e.g. {PortOptions.DefaultBaseUrl} or https://api.us.getport.io).{PortErrors.TraceSuffix(response.TraceId)}"),
                _ => PortErrors.ForStatus(response, s_operation),
            };
        }

        var payload = PortTransport.Parse(response, PortJsonContext.Default.TokenResponse, s_operation);
        if (string.IsNullOrWhiteSpace(payload.AccessToken) || !(payload.ExpiresIn > 0))
        {
            throw PortErrors.Malformed(response, s_operation, "no access token or no positive expiresIn");
        }

        var now = timeProvider.GetUtcNow();
        var lifetime = TimeSpan.FromSeconds(Math.Min(payload.ExpiresIn, TimeSpan.FromDays(365).TotalSeconds));
        var margin = settings.TokenRefreshMargin < lifetime / 2 ? settings.TokenRefreshMargin : lifetime / 2;
        var tokenType = string.IsNullOrWhiteSpace(payload.TokenType) ? "Bearer" : payload.TokenType.Trim();
        var token = new PortAccessToken(tokenType, payload.AccessToken.Trim(), now + lifetime, now + lifetime - margin);
        LogTokenObtained(token.ExpiresAt, token.RefreshAt);
        return token;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Obtained a Port access token valid until {ExpiresAt:O}; it will be replaced after {RefreshAt:O}")]
    private partial void LogTokenObtained(DateTimeOffset expiresAt, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Port refused an access token with status {StatusCode} (trace id {TraceId})")]
    private partial void LogTokenRequestFailed(int statusCode, string traceId);
}
