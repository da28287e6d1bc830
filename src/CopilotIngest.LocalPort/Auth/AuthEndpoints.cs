using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Json;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Auth;

/// <summary><c>POST /v1/auth/access_token</c> with <c>{clientId, clientSecret}</c> → <c>{ok, accessToken, expiresIn, tokenType}</c>.</summary>
internal sealed class AuthEndpoints(TokenService tokens)
{
    public const string Path = "/v1/auth/access_token";

    public void Map(IEndpointRouteBuilder routes) => routes.MapPort("POST", Path, IssueAsync);

    private async Task<IResult> IssueAsync(HttpContext context)
    {
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        var problems = new Problems();
        foreach (var key in body.Select(p => p.Key).Where(k => k is not ("clientId" or "clientSecret")))
        {
            problems.Add("body", $"must NOT have additional properties ('{key}')");
        }

        if (!Problems.IsString(body["clientId"], out var clientId))
        {
            problems.Add("body", "must have required property 'clientId' (a string)");
        }

        if (!Problems.IsString(body["clientSecret"], out var clientSecret))
        {
            problems.Add("body", "must have required property 'clientSecret' (a string)");
        }

        if (EndpointSupport.Invalid(problems) is { } invalid)
        {
            return invalid.ToResult();
        }

        if (!tokens.CredentialsMatch(clientId, clientSecret))
        {
            return PortError.Unauthorized("The client id or client secret is wrong; copy both from the Port credentials of your organization.").ToResult();
        }

        var (token, expiresIn) = tokens.Issue();
        return JsonBytesResult.From(StatusCodes.Status200OK, new AccessTokenResponse(true, token, expiresIn, "Bearer"), LocalPortJsonContext.Default.AccessTokenResponse);
    }
}
