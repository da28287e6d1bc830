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

/// <summary>
/// The identifier, title and (in plain mode only) the names of a user entity. Identifiers end with the tenant's
/// <see cref="ScopeSuffix"/> (<c>mona@contoso.com@&lt;tenant&gt;</c>, <c>u-…@&lt;tenant&gt;</c>,
/// <c>concealed@&lt;date&gt;@&lt;hash&gt;@&lt;tenant&gt;</c>), so two tenants in one Port never reconcile each other's users.
/// </summary>
internal sealed record UserIdentity(string Identifier, string Title, UserIdentityKind Kind, string? Upn, string? DisplayName)
{
    /// <summary>Identifiers of concealed users start with this, followed by the report date and <c>@</c>.</summary>
    public const string ConcealedPrefix = "concealed@";

    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>How every user identifier of <paramref name="tenantKey"/> ends: <c>@&lt;tenant key&gt;</c>. Reconciliation only looks at identifiers with it.</summary>
    public static string ScopeSuffix(string tenantKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantKey);
        return "@" + tenantKey;
    }

    /// <summary>Real UPNs always contain <c>@</c>; the concealed ones are 32 hex characters without it.</summary>
    public static bool IsConcealed(string userPrincipalName) => !userPrincipalName.Contains('@', StringComparison.Ordinal);

    /// <summary>True for identifiers this source gives concealed users (<c>concealed@yyyy-MM-dd@…</c>): a UPN's domain is never a date.</summary>
    public static bool IsConcealedIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var rest = identifier.AsSpan();
        return rest.StartsWith(ConcealedPrefix, StringComparison.Ordinal)
            && rest.Length > ConcealedPrefix.Length + DayFormat.Length
            && rest[ConcealedPrefix.Length + DayFormat.Length] == '@'
            && DateOnly.TryParseExact(rest.Slice(ConcealedPrefix.Length, DayFormat.Length), DayFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
    }

    /// <summary>
    /// The identifier under <paramref name="tenantKey"/> of a user entity an earlier version wrote without a tenant
    /// suffix (a bare UPN, <c>u-…</c> pseudonym or <c>concealed@date@hash</c>); null for any current identifier, of
    /// this tenant or another.
    /// </summary>
    public static string? CurrentIdentifier(string identifier, string tenantKey)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return IsEarlierFormat(identifier) ? identifier + ScopeSuffix(tenantKey) : null;
    }

    /// <summary>Bare UPN (one <c>@</c>, not a suffixed pseudonym), bare pseudonym (no <c>@</c>) or concealed entry with two <c>@</c>.</summary>
    private static bool IsEarlierFormat(string identifier)
    {
        var ats = identifier.Count(c => c == '@');
        return IsConcealedIdentifier(identifier) ? ats == 2
            : ats == 0 ? IsPseudonym(identifier)
            : ats == 1 && !IsPseudonym(identifier[..identifier.IndexOf('@', StringComparison.Ordinal)]);
    }

    private static bool IsPseudonym(string value) =>
        value.Length == 22 && value.StartsWith("u-", StringComparison.Ordinal) && value.Skip(2).All(char.IsAsciiHexDigitLower);

    public static UserIdentity Resolve(string userPrincipalName, string? displayName, DateOnly reportRefreshDate, string tenantKey, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var suffix = ScopeSuffix(tenantKey);
        if (IsConcealed(userPrincipalName))
        {
            var hash = pseudonymizer.IsActive ? pseudonymizer.Apply(userPrincipalName) : userPrincipalName.ToLowerInvariant();
            var identifier = PortIdentifier.Compose("concealed", PortValues.Day(reportRefreshDate), hash) + suffix;
            return new UserIdentity(identifier, "Concealed user " + hash[..Math.Min(8, hash.Length)], UserIdentityKind.Concealed, null, null);
        }

        if (pseudonymizer.IsActive)
        {
            var pseudonym = pseudonymizer.Apply(userPrincipalName);
            return new UserIdentity(pseudonym + suffix, pseudonym, UserIdentityKind.Pseudonym, null, null);
        }

        var upn = userPrincipalName.ToLowerInvariant();
        return new UserIdentity(PortIdentifier.Sanitize(upn) + suffix, displayName ?? upn, UserIdentityKind.Upn, upn, displayName);
    }
}
