using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Hosting;

/// <summary>Registers the Port sink and the enabled sources.</summary>
internal static class WorkerModules
{
    public static void Register(IServiceCollection services, IConfiguration configuration, WorkerFeatures features, List<string> problems)
    {
        if (configuration.GetBool(WorkerSettings.UsePortWebhook, false, problems))
        {
            problems.Add($"{WorkerSettings.UsePortWebhook}=true is not supported yet: this version writes through Port's Entities API only. Remove the setting (or set it to false).");
        }

        if (features.HasFlag(WorkerFeatures.Port))
        {
            services.AddPortApi(configuration);
            if (features.HasFlag(WorkerFeatures.KeepExisting))
            {
                services.AddTransient<IEntityStore>(sp => new KeepExistingEntityStore(
                    sp.GetRequiredService<PortEntityStore>(), sp.GetRequiredService<ILogger<KeepExistingEntityStore>>()));
            }
        }

        if (features.HasFlag(WorkerFeatures.Sources))
        {
            var github = configuration.GetBool(GitHub.Options.GitHubSettingNames.Ingest, true, problems);
            var m365 = configuration.GetBool(M365.Configuration.M365Settings.Ingest, true, problems);
            if (!github && !m365)
            {
                problems.Add("INGEST_GITHUB and INGEST_M365 are both false: there is nothing to ingest.");
            }

            services.AddGitHubCopilot(configuration);
            services.AddMicrosoft365Copilot(configuration);
        }
    }
}
