namespace CopilotIngest.M365.Tenant;

/// <summary>What every M365 data set of a run needs to know about the tenant, looked up once.</summary>
/// <param name="Key">
/// The tenant in identifiers and the <c>tenant</c> property: <c>M365_TENANT_NAME</c>, else <c>M365_TENANT_ID</c>, in
/// lower case. It comes from the settings alone, so a failing Graph call never changes an identifier.
/// </param>
/// <param name="DisplayName">The tenant in titles: <c>M365_TENANT_NAME</c>, else the initial domain's name read from Graph, else <see cref="Key"/>.</param>
/// <param name="NamesConcealed">The report privacy setting; null when it could not be read.</param>
/// <param name="FormerKey">
/// The tenant name earlier versions put in identifiers when <c>M365_TENANT_NAME</c> was not set (the initial domain's
/// name), when it was read this run and differs from <see cref="Key"/>; entities under it are moved to <see cref="Key"/>.
/// </param>
internal sealed record TenantContext(string Key, string DisplayName, bool? NamesConcealed, string? FormerKey = null)
{
    /// <summary>The identifier under <see cref="Key"/> of an identifier an earlier version wrote under <see cref="FormerKey"/>, else null.</summary>
    public string? CurrentIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return FormerKey is { } former && identifier.StartsWith(former + "@", StringComparison.Ordinal)
            ? Key + identifier[former.Length..]
            : null;
    }
}
