using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Port;
using CopilotIngest.Port.Checks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Port side of <c>doctor</c> and <c>verify</c>; needs <c>AddPortApi</c> first.</summary>
public static class PortChecksServiceCollectionExtensions
{
    public static IServiceCollection AddPortChecks(this IServiceCollection services, string blueprintsDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new PortCheckSettings(blueprintsDirectory));
        services.AddTransient<IDoctorCheck, PortDoctorCheck>();
        services.AddTransient<IEntityReader>(sp => new PortEntityReader(sp.GetRequiredService<PortClient>()));
        return services;
    }
}
