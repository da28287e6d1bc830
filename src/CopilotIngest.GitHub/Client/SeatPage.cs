namespace CopilotIngest.GitHub.Client;

/// <summary>One page of a seat listing, with the <c>total_seats</c> GitHub reports for the whole scope.</summary>
public sealed record SeatPage(int? TotalSeats, IReadOnlyList<SeatRecord> Seats);
