using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Sink;
using CopilotIngest.Port.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CopilotIngest.GitHub.Options;
using CopilotIngest.M365.Configuration;

namespace CopilotIngest.Hosting;

/// <summary>Registers the Port sink (Entities API, or webhooks with <c>USE_PORT_WEBHOOK=true</c>) and the enabled sources.</summary>
internal static class WorkerModules
{
    public static void Register(IServiceCollection services, IConfiguration configuration, WorkerFeatures features, List<string> problems)
    {
        var useWebhooks = configuration.GetBool(WorkerSettings.UsePortWebhook, false, problems);
        if (features.HasFlag(WorkerFeatures.Port))
        {
            services.AddPortApi(configuration);
        }

        if (features.HasFlag(WorkerFeatures.Sources))
        {
            var github = configuration.GetBool(GitHub.Options.GitHubSettingNames.Ingest, true, problems);
            var m365 = configuration.GetBool(M365.Configuration.M365Settings.Ingest, true, problems);
            if (!github && !m365)
            {
                problems.Add($"{GitHubSettingNames.Ingest} and {M365Settings.Ingest} are both false: there is nothing to ingest.");
            }

            services.AddGitHubCopilot(configuration);
            services.AddMicrosoft365Copilot(configuration);
        }

        if (features.HasFlag(WorkerFeatures.Port) && features.HasFlag(WorkerFeatures.Sources) && useWebhooks)
        {
            services.AddPortWebhooks(configuration, EnabledDataSets.Of(services));
        }

        if (features.HasFlag(WorkerFeatures.Port) && features.HasFlag(WorkerFeatures.KeepExisting))
        {
            IEntityStore Inner(IServiceProvider sp) => useWebhooks && features.HasFlag(WorkerFeatures.Sources)
                ? sp.GetRequiredService<WebhookEntityStore>()
                : sp.GetRequiredService<PortEntityStore>();
            services.AddTransient<IEntityStore>(sp => new KeepExistingEntityStore(Inner(sp), sp.GetRequiredService<ILogger<KeepExistingEntityStore>>()));
        }
    }
}
