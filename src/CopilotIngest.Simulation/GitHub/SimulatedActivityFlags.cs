using System.Collections.Concurrent;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// What every user of a population did on one day, as a few bits a user, kept once computed. A scope's day totals look
/// back 28 days over every user, so without it each day of a 28-day series recomputes the same user days 28 times.
/// Everything here is a pure function of the population and the day, so keeping it changes no report.
/// </summary>
internal sealed class SimulatedActivityFlags(SimulatedGitHubPopulation population)
{
    public const byte Active = 1;
    public const byte Chat = 2;
    public const byte Agent = 4;
    public const byte CodeReviewActive = 8;
    public const byte CodeReviewPassive = 16;
    public const byte CloudAgent = 32;

    private readonly ConcurrentDictionary<DateOnly, Lazy<byte[]>> _days = new();

    /// <summary>The flags of every user on <paramref name="day"/>, indexed by <see cref="SimulatedUser.Index"/>; 0 when not active.</summary>
    public byte[] On(DateOnly day) => _days.GetOrAdd(day, d => new Lazy<byte[]>(() => Compute(d))).Value;

    private byte[] Compute(DateOnly day)
    {
        var flags = new byte[population.Users.Count];
        foreach (var user in population.Users)
        {
            if (SimulatedUsage.UserDay(population, user, day) is { } past)
            {
                flags[user.Index] = (byte)(Active
                    | (past.UsedChat ? Chat : 0)
                    | (past.UsedAgent ? Agent : 0)
                    | (past.UsedCodeReviewActive ? CodeReviewActive : 0)
                    | (past.UsedCodeReviewPassive ? CodeReviewPassive : 0)
                    | (past.UsedCloudAgent ? CloudAgent : 0));
            }
        }

        return flags;
    }
}
