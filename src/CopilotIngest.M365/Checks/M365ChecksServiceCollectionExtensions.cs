using CopilotIngest.Core.Diagnostics;
using CopilotIngest.M365.Checks;
using CopilotIngest.M365.Graph;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Microsoft 365 side of <c>doctor</c> and <c>verify</c> when <c>AddMicrosoft365Copilot</c> registered the source.</summary>
public static class M365ChecksServiceCollectionExtensions
{
    public static IServiceCollection AddMicrosoft365Checks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(GraphClient)))
        {
            services.AddTransient<IDoctorCheck, M365DoctorCheck>();
            services.AddTransient<IParityCheck, M365ParityCheck>();
        }

        return services;
    }
}
