using System.Runtime.CompilerServices;
using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Core.Http;
using CopilotIngest.Port.Http;
using CopilotIngest.Port.Setup;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Checks;

/// <summary>
/// <c>doctor</c> for Port: an access token from <c>PORT_CLIENT_ID</c>/<c>PORT_CLIENT_SECRET</c> at <c>PORT_BASE_URL</c>,
/// then every blueprint file compared with Port by the setup plan (a dry run: nothing is created or changed).
/// </summary>
internal sealed class PortDoctorCheck(PortTokenProvider tokens, BlueprintSetup setup, IOptions<PortOptions> options, PortCheckSettings settings) : IDoctorCheck
{
    public const string Area = "Port";

    public async IAsyncEnumerable<CheckResult> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.BaseUrl;
        var token = await TryAsync(() => tokens.GetTokenAsync(null, cancellationToken));
        if (token.Error is { } tokenError)
        {
            yield return CheckResult.Problem(Area, "access token", $"no token from {baseUrl}", tokenError);
            yield break;
        }

        yield return CheckResult.Ok(Area, "access token", $"obtained from {baseUrl} ({PortSettings.ClientId} {options.Value.ClientId})");

        var plan = await TryAsync(() => setup.PlanAsync(settings.BlueprintsDirectory, cancellationToken));
        if (plan.Error is { } planError)
        {
            yield return CheckResult.Problem(Area, "blueprints", $"could not compare {settings.BlueprintsDirectory} with Port", planError);
            yield break;
        }

        foreach (var item in plan.Value!.Blueprints)
        {
            var check = $"blueprint {item.Identifier}";
            yield return item.Action switch
            {
                SetupAction.Unchanged => CheckResult.Ok(Area, check, "present and matches " + Path.GetFileName(item.File)),
                SetupAction.Create => CheckResult.Problem(Area, check, "missing in Port", "Run 'copilot-ingest setup' to create it."),
                _ => CheckResult.Problem(Area, check, $"would update: {item.Reason}", "Run 'copilot-ingest setup' ('setup --dry-run' shows the plan); edits made in Port's UI are overwritten."),
            };
        }
    }

    private static async Task<(T? Value, string? Error)> TryAsync<T>(Func<Task<T>> action)
        where T : class
    {
        try
        {
            return (await action(), null);
        }
        catch (ApiException ex)
        {
            return (null, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
    }
}

/// <summary>Where the blueprint files that <c>doctor</c> compares with Port live.</summary>
public sealed record PortCheckSettings(string BlueprintsDirectory);
