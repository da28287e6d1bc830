using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Diagnostics;

/// <summary>The services <c>doctor</c> and <c>verify</c> add to the worker host: the checks of Port and of each enabled source.</summary>
internal static class DiagnosticsServices
{
    public static Action<IServiceCollection> Register(string blueprintsDirectory) => services =>
    {
        services.AddPortChecks(blueprintsDirectory);
        services.AddGitHubChecks();
        services.AddMicrosoft365Checks();
    };
}
