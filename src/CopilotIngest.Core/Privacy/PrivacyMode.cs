namespace CopilotIngest.Core.Privacy;

/// <summary><c>PRIVACY_MODE</c>: keep logins and UPNs as they are, or replace them with a keyed pseudonym.</summary>
public enum PrivacyMode
{
    Plain,
    Pseudonymize,
}
