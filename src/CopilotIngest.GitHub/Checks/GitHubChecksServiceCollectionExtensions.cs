using CopilotIngest.Core.Diagnostics;
using CopilotIngest.GitHub.Checks;
using CopilotIngest.GitHub.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the GitHub side of <c>doctor</c> and <c>verify</c> when <c>AddGitHubCopilot</c> registered the source.</summary>
public static class GitHubChecksServiceCollectionExtensions
{
    public static IServiceCollection AddGitHubChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(GitHubClient)))
        {
            services.AddTransient<IDoctorCheck, GitHubDoctorCheck>();
            services.AddTransient<IParityCheck, GitHubParityCheck>();
        }

        return services;
    }
}
