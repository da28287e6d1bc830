namespace CopilotIngest.GitHub.Client;

/// <summary>
/// GitHub logins and organization, enterprise and team slugs are case-insensitive, so every GitHub identifier holds
/// them folded to lower case (invariant): <c>GITHUB_ORGS=Acme-Corp</c> and <c>acme-corp</c> name the same entities.
/// Titles and properties keep the case as configured or as GitHub returns it.
/// </summary>
public static class GitHubIdentity
{
    /// <summary>A login or slug as identifiers hold it, e.g. <c>Acme-Corp</c> → <c>acme-corp</c>.</summary>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant();
    }

    /// <summary>
    /// The current form of any identifier of a GitHub data set: every part of it is case-insensitive, so the whole
    /// identifier folded. Used to find entities written by earlier versions in another case.
    /// </summary>
    public static string CurrentIdentifier(string identifier) => Fold(identifier);
}
