namespace CopilotIngest.M365.Tenant;

/// <summary>What every M365 data set of a run needs to know about the tenant, looked up once.</summary>
/// <param name="Name">The tenant's name in identifiers (<c>contoso</c>).</param>
/// <param name="NamesConcealed">The report privacy setting; null when it could not be read.</param>
internal sealed record TenantContext(string Name, bool? NamesConcealed);
