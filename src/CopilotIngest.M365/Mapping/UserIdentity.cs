using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Privacy;

namespace CopilotIngest.M365.Mapping;

/// <summary>How a user appears in Port.</summary>
internal enum UserIdentityKind
{
    /// <summary>Keyed by the lower-case UPN (plain privacy mode).</summary>
    Upn,

    /// <summary>Keyed by the keyed pseudonym of the UPN (<c>PRIVACY_MODE=pseudonymize</c>).</summary>
    Pseudonym,

    /// <summary>The report concealed the name: keyed by report date and hash, valid for that report date only.</summary>
    Concealed,
}

/// <summary>The identifier, title and (in plain mode only) the names of a user entity.</summary>
internal sealed record UserIdentity(string Identifier, string Title, UserIdentityKind Kind, string? Upn, string? DisplayName)
{
    /// <summary>Identifiers of concealed users start with this, followed by the report date and <c>@</c>.</summary>
    public const string ConcealedPrefix = "concealed@";

    /// <summary>Real UPNs always contain <c>@</c>; the concealed ones are 32 hex characters without it.</summary>
    public static bool IsConcealed(string userPrincipalName) => !userPrincipalName.Contains('@', StringComparison.Ordinal);

    /// <summary>True for identifiers this source gives concealed users (<c>concealed@yyyy-MM-dd@…</c>); a UPN never has two <c>@</c>.</summary>
    public static bool IsConcealedIdentifier(string identifier) =>
        identifier.StartsWith(ConcealedPrefix, StringComparison.Ordinal) && identifier.AsSpan(ConcealedPrefix.Length).Contains('@');

    public static UserIdentity Resolve(string userPrincipalName, string? displayName, DateOnly reportRefreshDate, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        if (IsConcealed(userPrincipalName))
        {
            var hash = pseudonymizer.IsActive ? pseudonymizer.Apply(userPrincipalName) : userPrincipalName.ToLowerInvariant();
            var identifier = PortIdentifier.Compose("concealed", PortValues.Day(reportRefreshDate), hash);
            return new UserIdentity(identifier, "Concealed user " + hash[..Math.Min(8, hash.Length)], UserIdentityKind.Concealed, null, null);
        }

        if (pseudonymizer.IsActive)
        {
            var pseudonym = pseudonymizer.Apply(userPrincipalName);
            return new UserIdentity(pseudonym, pseudonym, UserIdentityKind.Pseudonym, null, null);
        }

        var upn = userPrincipalName.ToLowerInvariant();
        return new UserIdentity(PortIdentifier.Sanitize(upn), displayName ?? upn, UserIdentityKind.Upn, upn, displayName);
    }
}
