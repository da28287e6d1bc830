namespace CopilotIngest.GitHub.Seats;

/// <summary>The users of one plan type by whether they are active, inactive or never used Copilot (the snapshot's inactivity threshold).</summary>
public sealed record PlanSeatCounts(int Active, int Inactive, int NeverUsed)
{
    public int Users => Active + Inactive + NeverUsed;
}
