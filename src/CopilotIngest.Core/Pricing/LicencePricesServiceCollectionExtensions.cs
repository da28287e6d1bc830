using CopilotIngest.Core.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="LicencePrices"/> (validated at start-up); safe to call from every source.</summary>
public static class LicencePricesServiceCollectionExtensions
{
    public static IServiceCollection AddLicencePrices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<LicencePrices>)))
        {
            return services;
        }

        services.AddOptions<LicencePrices>()
            .Configure(prices => LicencePricesReader.Fill(prices, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LicencePrices>, LicencePricesValidator>());
        return services;
    }
}
