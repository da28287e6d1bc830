namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// Deterministic hashing (SplitMix64) for the simulated population: the same seed and inputs give the same
/// values on every machine and run, unlike <see cref="HashCode"/> or <see cref="Random"/>.
/// </summary>
internal static class StableHash
{
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong Of(long seed, long a, long b = 0, long c = 0) =>
        Mix(Mix(Mix(Mix((ulong)seed) ^ (ulong)a) ^ (ulong)b) ^ (ulong)c);

    /// <summary>A value in [0, 1).</summary>
    public static double Unit(long seed, long a, long b = 0, long c = 0) =>
        (Of(seed, a, b, c) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A value in [0, <paramref name="max"/>).</summary>
    public static int Below(int max, long seed, long a, long b = 0, long c = 0) =>
        max <= 0 ? 0 : (int)(Of(seed, a, b, c) % (ulong)max);
}
