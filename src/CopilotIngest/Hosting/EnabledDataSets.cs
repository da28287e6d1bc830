using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Billing;
using CopilotIngest.GitHub.Repos;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Teams;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.GitHub.Users;
using CopilotIngest.M365.DataSets;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Hosting;

/// <summary>The names of the data sets the sources registered (so the webhook settings can require exactly their URLs).</summary>
internal static class EnabledDataSets
{
    private static readonly Dictionary<Type, string> s_gitHub = new()
    {
        [typeof(GitHubSeatsDataSet)] = GitHubSeatsDataSet.DataSetName,
        [typeof(GitHubUsageDataSet)] = GitHubUsageDataSet.DataSetName,
        [typeof(GitHubUsersDataSet)] = GitHubUsersDataSet.DataSetName,
        [typeof(GitHubTeamsDataSet)] = GitHubTeamsDataSet.DataSetName,
        [typeof(GitHubSeatDetailsDataSet)] = GitHubSeatDetailsDataSet.DataSetName,
        [typeof(GitHubRepoUsageDataSet)] = GitHubRepoUsageDataSet.DataSetName,
        [typeof(GitHubBillingDataSet)] = GitHubBillingDataSet.DataSetName,
    };

    public static IReadOnlyCollection<string> Of(IServiceCollection services)
    {
        var names = new List<string>();
        foreach (var type in services.Where(d => d.ServiceType == typeof(IDataSet)).Select(d => d.ImplementationType).OfType<Type>())
        {
            if (s_gitHub.TryGetValue(type, out var name))
            {
                names.Add(name);
            }
            else if (type.Assembly == typeof(DataSetNames).Assembly)
            {
                // Microsoft 365 registers its three data sets together.
                names.AddRange([DataSetNames.Summary, DataSetNames.Users, DataSetNames.Trend]);
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
