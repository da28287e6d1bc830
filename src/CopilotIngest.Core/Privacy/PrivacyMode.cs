namespace CopilotIngest.Core.Privacy;

/// <summary>
/// <c>PRIVACY_MODE</c>: keep logins and UPNs as they are, replace them with a keyed pseudonym, or write no entity
/// about a person at all (<see cref="Aggregate"/>: only organization, enterprise, team and tenant figures).
/// </summary>
public enum PrivacyMode
{
    Plain,
    Pseudonymize,
    Aggregate,
}
