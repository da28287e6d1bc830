using CopilotIngest.LocalPort.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class LocalPortServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded local Port: <see cref="LocalPortSettings"/> (validated on start) and <see cref="LocalPortHost"/>,
    /// which starts the server on first use.
    /// </summary>
    public static IServiceCollection AddLocalPort(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalPortSettings>()
            .Configure(settings => LocalPortSettings.Bind(settings, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalPortSettings>, LocalPortSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalPortHost>();
        return services;
    }
}
