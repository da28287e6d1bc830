using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="PrivacyOptions"/> (validated at start-up) and the <see cref="Pseudonymizer"/> built from them; safe to call from every source.</summary>
public static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Pseudonymizer)))
        {
            return services;
        }

        services.AddOptions<PrivacyOptions>()
            .Configure(options =>
            {
                options.Mode = configuration.GetEnum(PrivacyOptions.ModeSetting, PrivacyMode.Plain, options.SettingErrors);
                options.Key = configuration.GetSetting(PrivacyOptions.KeySetting);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            return options.Mode == PrivacyMode.Pseudonymize ? new Pseudonymizer(options.Mode, options.Key) : Pseudonymizer.Plain;
        });
        return services;
    }
}
