using CopilotIngest.Core.Sharding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ShardOptions"/> (validated at start-up) and the <see cref="ShardPlan"/>; safe to call from every source.</summary>
public static class ShardServiceCollectionExtensions
{
    public static IServiceCollection AddSharding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ShardPlan)))
        {
            return services;
        }

        services.AddOptions<ShardOptions>()
            .Configure(options => ShardSettings.Fill(options, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShardOptions>, ShardOptionsValidator>());
        services.TryAddSingleton<ShardPlan>();
        return services;
    }
}
