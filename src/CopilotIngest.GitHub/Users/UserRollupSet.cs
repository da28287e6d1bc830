using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Users;

/// <summary>The rollups of every user of a <c>users-28-day</c> report, keyed by login case-insensitively.</summary>
public sealed class UserRollupSet
{
    private readonly Dictionary<string, UserRollup> _users = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<UserRollup> Users => _users.Values;

    /// <summary>2026 report fields that arrived in an unexpected shape (left out, the rest of the line kept).</summary>
    public FieldProblems FieldProblems { get; } = new();

    /// <summary>Lines without a login or a day (left out).</summary>
    public int Unusable { get; private set; }

    /// <summary>Second lines for a user and day already counted (left out).</summary>
    public int Duplicates { get; private set; }

    public UserRollup? Find(string login) => _users.GetValueOrDefault(login);

    public void Add(UserDayUsage line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.UserLogin is not { Length: > 0 } login || line.Day is not { } day)
        {
            Unusable++;
            return;
        }

        if (!_users.TryGetValue(login, out var rollup))
        {
            rollup = new UserRollup(login);
            _users[login] = rollup;
        }

        if (!rollup.Add(line, day, FieldProblems))
        {
            Duplicates++;
        }
    }
}
