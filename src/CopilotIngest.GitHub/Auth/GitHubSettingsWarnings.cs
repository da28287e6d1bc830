using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Auth;

/// <summary>Logs <see cref="GitHubCredentialAdvice"/> once at start-up, before any GitHub call.</summary>
internal sealed partial class GitHubSettingsWarnings(IOptions<GitHubOptions> options, ILogger<GitHubSettingsWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in GitHubCredentialAdvice.Warnings(options.Value))
        {
            LogWarning(warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 194, Level = LogLevel.Warning, Message = "{Warning}")]
    private partial void LogWarning(string warning);
}
