using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ReconcileOptions"/> (<c>RECONCILE_MODE</c>, validated at start-up) and the <see cref="Reconciler"/>; safe to call from every source.</summary>
public static class ReconcileServiceCollectionExtensions
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Reconciler)))
        {
            return services;
        }

        services.AddOptions<ReconcileOptions>()
            .Configure(options => options.Mode = configuration.GetEnum(ReconcileOptions.ModeSetting, options.Mode, options.SettingErrors))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>());
        services.TryAddTransient<Reconciler>();
        return services;
    }
}
