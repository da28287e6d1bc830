namespace CopilotIngest.GitHub.Client;

/// <summary>Where seats are listed: an organization or an enterprise.</summary>
public enum SeatScopeType
{
    Organization,
    Enterprise,
}

/// <summary>One organization or enterprise whose Copilot seats are read.</summary>
public sealed record SeatScope(SeatScopeType Type, string Slug)
{
    public static SeatScope Organization(string login) => new(SeatScopeType.Organization, login);

    public static SeatScope Enterprise(string slug) => new(SeatScopeType.Enterprise, slug);

    /// <summary>The relative path of the seat listing, e.g. <c>orgs/acme/copilot/billing/seats</c>.</summary>
    public string SeatsPath => Type == SeatScopeType.Organization
        ? $"orgs/{Uri.EscapeDataString(Slug)}/copilot/billing/seats"
        : $"enterprises/{Uri.EscapeDataString(Slug)}/copilot/billing/seats";

    /// <summary>How messages name the scope, e.g. <c>organization 'acme'</c>.</summary>
    public override string ToString() => Type == SeatScopeType.Organization ? $"organization '{Slug}'" : $"enterprise '{Slug}'";
}
