using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;

namespace CopilotIngest.GitHub.Usage;

/// <summary>What a GitHub data set run has done so far: counts, failures, notes, and whether GitHub rejected the token.</summary>
internal sealed class RunState
{
    public int Fetched { get; set; }

    public int FailedScopes { get; private set; }

    public List<EntityFailure> Failures { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Set after a 401: every scope after it fails with the same message instead of asking again.</summary>
    public ApiException? RejectedToken { get; private set; }

    public void Fail(string identifier, string message, ApiException? cause = null)
    {
        Failures.Add(new EntityFailure(identifier, message));
        if (cause?.StatusCode == HttpStatusCode.Unauthorized)
        {
            RejectedToken = cause;
        }
    }

    /// <summary>The data set's error when every one of <paramref name="scopeCount"/> scopes failed, else null.</summary>
    public string? AllScopesFailedError(int scopeCount) =>
        scopeCount == 0 || FailedScopes < scopeCount ? null
        : scopeCount == 1 ? Failures[0].Message
        : $"All {scopeCount} GitHub scopes failed; first: {Failures[0].Message}";

    public void FailScope(string identifier, string message, ApiException? cause = null)
    {
        FailedScopes++;
        Fail(identifier, message, cause);
    }
}
