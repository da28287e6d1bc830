using System.Security.Cryptography;
using System.Text;

namespace CopilotIngest.Simulation.Graph;

/// <summary>
/// The deterministic activity of the simulated tenant: user <c>u</c> uses app <c>a</c> on day <c>d</c> when a hash
/// of (seed, u, a, d) falls under the user's engagement times the app's popularity. Last-activity dates, period
/// counts and the daily trend all derive from that one rule, so the three reports agree with each other.
/// </summary>
internal sealed class SimulatedTenant
{
    /// <summary>Usage reports reach back this many days.</summary>
    public const int HistoryDays = 180;

    private static readonly string[] s_firstNames = ["Adele", "Alex", "Diego", "Grady", "Henrietta", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep"];
    private static readonly string[] s_lastNames = ["Vance", "Wilber", "Siciliani", "Archie", "Mueller", "Langer", "Lorenz", "Sherman", "Gu", "Holloway", "Robbins", "Bowen", "Graham", "Wilke", "Fernandez", "Gupta"];
    private static readonly double[] s_engagement = [0, 0.03, 0.12, 0.45];

    private readonly SimulatedGraphOptions _options;
    private readonly DateOnly _refreshDate;
    private readonly double[] _rates;
    private readonly Lazy<DateOnly?[]> _lastActivity;

    public SimulatedTenant(SimulatedGraphOptions options, DateOnly refreshDate)
    {
        _options = options;
        _refreshDate = refreshDate;
        var apps = SimulatedApp.All.Count;
        _rates = new double[_options.LicensedUsers * apps];
        for (var user = 0; user < _options.LicensedUsers; user++)
        {
            var engagement = s_engagement[(int)(Hash(user, -1, 0) * s_engagement.Length)];
            for (var app = 0; app < apps; app++)
            {
                _rates[(user * apps) + app] = engagement * SimulatedApp.All[app].Popularity;
            }
        }

        _lastActivity = new Lazy<DateOnly?[]>(ComputeLastActivity);
    }

    public DateOnly RefreshDate => _refreshDate;

    public int Users => _options.LicensedUsers;

    public string UserPrincipalName(int user) =>
        $"{s_firstNames[user % s_firstNames.Length].ToLowerInvariant()}.{s_lastNames[user / s_firstNames.Length % s_lastNames.Length].ToLowerInvariant()}{user}@{_options.TenantDomain}.com";

    /// <summary>Some names carry a comma, as "Last, First" directories do, so the CSV must quote them.</summary>
    public static string DisplayName(int user)
    {
        var first = s_firstNames[user % s_firstNames.Length];
        var last = s_lastNames[user / s_firstNames.Length % s_lastNames.Length];
        return user % 10 == 3 ? $"{last}, {first} ({user})" : $"{first} {last} ({user})";
    }

    /// <summary>What the report shows for a name: itself, or 32 upper-case hex characters when names are concealed.</summary>
    public string Shown(string value) =>
        _options.ConcealNames ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_options.Seed + ":" + value)), 0, 16) : value;

    public bool IsActive(int user, int app, DateOnly day)
    {
        var rate = _rates[(user * SimulatedApp.All.Count) + app];
        return rate > 0 && Hash(user, app, day.DayNumber) < rate;
    }

    /// <summary>The user's last activity in the app within the report history, or null.</summary>
    public DateOnly? LastActivity(int user, int app) => _lastActivity.Value[(user * SimulatedApp.All.Count) + app];

    private DateOnly?[] ComputeLastActivity()
    {
        var apps = SimulatedApp.All.Count;
        var result = new DateOnly?[Users * apps];
        for (var user = 0; user < Users; user++)
        {
            for (var app = 0; app < apps; app++)
            {
                for (var back = 0; back < HistoryDays; back++)
                {
                    var day = _refreshDate.AddDays(-back);
                    if (IsActive(user, app, day))
                    {
                        result[(user * apps) + app] = day;
                        break;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Prompts the user submitted in the app on a day they were active (v2 counters).</summary>
    public int Prompts(int user, int app, DateOnly day) => IsActive(user, app, day) ? 1 + (int)(Hash(user, app + 100, day.DayNumber) * 8) : 0;

    private double Hash(int user, int app, int day)
    {
        var x = unchecked((ulong)_options.Seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)user * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)(app + 7) * 0x94D049BB133111EBUL ^ (ulong)(uint)day * 0xD6E8FEB86659FD93UL);
        x ^= x >> 30;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 27;
        x = unchecked(x * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
