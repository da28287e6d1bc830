namespace CopilotIngest.GitHub.Json;

/// <summary>One page of <c>GET …/copilot/billing/seats</c>. Unknown fields are ignored, missing ones are null.</summary>
internal sealed record SeatsPageJson(int? TotalSeats, List<SeatJson?>? Seats);

/// <summary>A "Copilot Business Seat Detail"; only <c>created_at</c> is required by GitHub's schema.</summary>
internal sealed record SeatJson(
    DateTimeOffset? CreatedAt,
    DateOnly? PendingCancellationDate,
    DateTimeOffset? LastActivityAt,
    string? LastActivityEditor,
    DateTimeOffset? LastAuthenticatedAt,
    string? PlanType,
    AccountJson? Assignee,
    AccountJson? Organization,
    TeamJson? AssigningTeam);

/// <summary>The parts of a Simple User or Organization Simple object this product reads.</summary>
internal sealed record AccountJson(string? Login, long? Id, string? Type);

/// <summary>The common parts of a Team and an Enterprise Team.</summary>
internal sealed record TeamJson(long? Id, string? Slug, string? Name, string? Type, long? GroupId);
