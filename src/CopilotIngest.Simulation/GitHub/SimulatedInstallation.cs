namespace CopilotIngest.Simulation.GitHub;

/// <summary>An installation of the simulated App: on an organization (its login) or on the enterprise (<see cref="Organization"/> null).</summary>
public sealed record SimulatedInstallation(long Id, SimulatedOrganization? Organization, string Account)
{
    public bool OnEnterprise => Organization is null;
}
