using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// Sums <c>ai_credits_used</c> over the lines of one day's users report. <see cref="Total"/> stays null when no line
/// carried the field (no data, not zero); lines of another day are left out.
/// </summary>
public sealed class AiCreditsSum(DateOnly day)
{
    public decimal? Total { get; private set; }

    /// <summary>Users whose line carried <c>ai_credits_used</c>.</summary>
    public int Users { get; private set; }

    public void Add(UserDayUsage line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if ((line.Day ?? day) != day || line.AiCreditsUsed is not { } credits)
        {
            return;
        }

        Total = (Total ?? 0) + credits;
        Users++;
    }
}
