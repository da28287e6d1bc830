using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Repos;

/// <summary>
/// The repositories of one <c>repos-1-day</c> report, keyed by full name (or id). A line may be one repository or wrap
/// several in <c>repositories</c>; a missing <c>day</c> is the requested one, other days are left out, and a second
/// line for a repository already read is counted, not merged.
/// </summary>
public sealed class RepoDaySet(DateOnly day)
{
    private readonly Dictionary<string, RepoDay> _repositories = new(StringComparer.OrdinalIgnoreCase);

    public DateOnly Day { get; } = day;

    public IReadOnlyCollection<RepoDay> Repositories => _repositories.Values;

    public FieldProblems FieldProblems { get; } = new();

    /// <summary>Lines naming no repository, or for another day.</summary>
    public int Skipped { get; private set; }

    public int Duplicates { get; private set; }

    public void Add(RepoDayUsage line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Repositories is { } wrapped)
        {
            foreach (var element in wrapped)
            {
                if (element is not null)
                {
                    Take(element with { Day = element.Day ?? line.Day });
                }
            }

            return;
        }

        Take(line);
    }

    private void Take(RepoDayUsage line)
    {
        if ((line.Day ?? Day) != Day || RepoDay.From(line, FieldProblems) is not { } repository)
        {
            Skipped++;
            return;
        }

        if (!_repositories.TryAdd(repository.Key, repository))
        {
            Duplicates++;
        }
    }
}
