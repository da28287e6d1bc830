namespace CopilotIngest.Simulation.Graph;

/// <summary>A report column as CSV and JSON name it.</summary>
internal sealed record SimulatedColumn(string Csv, string Json);

/// <summary>The rows of the three Copilot reports computed from <see cref="SimulatedTenant"/>. Values are strings, longs or doubles.</summary>
internal sealed class SimulatedReportRows(SimulatedTenant tenant)
{
    private static readonly SimulatedColumn s_refreshDate = new("Report Refresh Date", "reportRefreshDate");

    public int UserCount => tenant.Users;

    public string RefreshDay => Day(tenant.RefreshDate);
    private static readonly SimulatedColumn s_reportPeriod = new("Report Period", "reportPeriod");

    public static IReadOnlyList<SimulatedColumn> UserDetailColumns(bool v2)
    {
        var columns = new List<SimulatedColumn>
        {
            s_refreshDate,
            new("User Principal Name", "userPrincipalName"),
            new("Display Name", "displayName"),
            new("Last Activity Date", "lastActivityDate"),
        };
        columns.AddRange(ActivityApps(v2).Select(a => new SimulatedColumn(a.ActivityCsv!, a.ActivityJson!)));
        if (v2)
        {
            columns.Add(new("Prompts submitted for all apps", "promptsSubmittedForAllApps"));
            columns.Add(new("Prompts submitted for Copilot Chat (work)", "promptsSubmittedForCopilotChatWork"));
            columns.Add(new("Prompts submitted for Copilot Chat (web)", "promptsSubmittedForCopilotChatWeb"));
            columns.Add(new("Active Usage Days for all apps", "activeUsageDaysForAllApps"));
        }

        columns.Add(s_reportPeriod);
        return columns;
    }

    public static IReadOnlyList<SimulatedColumn> CountColumns(bool v2, bool trend)
    {
        var columns = new List<SimulatedColumn> { s_refreshDate, trend ? new("Report Date", "reportDate") : s_reportPeriod };
        foreach (var app in CountApps(v2))
        {
            columns.Add(new($"{app.CsvName} Enabled Users", app.JsonName + "EnabledUsers"));
            columns.Add(new($"{app.CsvName} Active Users", app.JsonName + "ActiveUsers"));
        }

        columns.Insert(2 + (2 * 7), new("Any App Enabled Users", "anyAppEnabledUsers"));
        columns.Insert(3 + (2 * 7), new("Any App Active Users", "anyAppActiveUsers"));
        if (v2)
        {
            if (trend)
            {
                columns.Add(new("Prompts submitted", "promptsSubmitted"));
            }
            else
            {
                columns.Add(new("Total prompts submitted", "totalPromptsSubmitted"));
                columns.Add(new("Average prompts submitted", "averagePromptsSubmitted"));
            }
        }

        if (trend)
        {
            columns.Add(s_reportPeriod);
        }

        return columns;
    }

    /// <summary>One row per licensed user, from <paramref name="first"/> on, at most <paramref name="count"/>.</summary>
    public IEnumerable<object[]> UserDetail(SimulatedReportRequest request, int first = 0, int count = int.MaxValue)
    {
        var apps = ActivityApps(request.V2).ToList();
        var last = Math.Min(tenant.Users, first + (long)count);
        for (var user = first; user < last; user++)
        {
            var row = new List<object>
            {
                Day(tenant.RefreshDate),
                tenant.Shown(tenant.UserPrincipalName(user)),
                tenant.Shown(SimulatedTenant.DisplayName(user)),
            };
            var dates = apps.Select(a => tenant.LastActivity(user, IndexOf(a))).ToList();
            var overall = dates.Max();
            row.Add(Day(overall));
            row.AddRange(dates.Select(d => (object)Day(d)));
            if (request.V2)
            {
                row.Add(PromptsInPeriod(user, request.Days, apps));
                row.Add(PromptsInPeriod(user, request.Days, apps.Where(a => a.JsonName == "copilotChatWork")));
                row.Add(PromptsInPeriod(user, request.Days, apps.Where(a => a.JsonName == "copilotChatWeb")));
                row.Add((long)Enumerable.Range(0, request.Days).Count(back => apps.Any(a => tenant.IsActive(user, IndexOf(a), tenant.RefreshDate.AddDays(-back)))));
            }

            row.Add((long)request.Days);
            yield return [.. row];
        }
    }

    /// <summary>The single summary row of the period.</summary>
    public object[] Summary(SimulatedReportRequest request)
    {
        var apps = CountApps(request.V2).ToList();
        var activityApps = ActivityApps(request.V2).ToList();
        var from = tenant.RefreshDate.AddDays(1 - request.Days);
        var active = new long[apps.Count];
        long anyActive = 0;
        long prompts = 0;
        for (var user = 0; user < tenant.Users; user++)
        {
            var anyApp = false;
            for (var i = 0; i < apps.Count; i++)
            {
                if (tenant.LastActivity(user, IndexOf(apps[i])) >= from)
                {
                    active[i]++;
                    anyApp = true;
                }
            }

            if (anyApp || activityApps.Any(a => tenant.LastActivity(user, IndexOf(a)) >= from))
            {
                anyActive++;
            }

            if (request.V2)
            {
                prompts += PromptsInPeriod(user, request.Days, activityApps);
            }
        }

        var row = new List<object> { Day(tenant.RefreshDate), (long)request.Days };
        for (var i = 0; i < apps.Count; i++)
        {
            row.Add((long)tenant.Users);
            row.Add(active[i]);
        }

        row.Insert(2 + (2 * 7), (long)tenant.Users);
        row.Insert(3 + (2 * 7), anyActive);
        if (request.V2)
        {
            row.Add(prompts);
            row.Add(anyActive == 0 ? 0.0 : Math.Round((double)prompts / anyActive, 1));
        }

        return [.. row];
    }

    /// <summary>One row per day of the period, oldest first.</summary>
    public IEnumerable<object[]> Trend(SimulatedReportRequest request)
    {
        var apps = CountApps(request.V2).ToList();
        var activityApps = ActivityApps(request.V2).ToList();
        for (var back = request.Days - 1; back >= 0; back--)
        {
            var day = tenant.RefreshDate.AddDays(-back);
            var row = new List<object> { Day(tenant.RefreshDate), Day(day) };
            var active = new long[apps.Count];
            long anyActive = 0;
            long prompts = 0;
            for (var user = 0; user < tenant.Users; user++)
            {
                var anyApp = false;
                for (var i = 0; i < apps.Count; i++)
                {
                    if (tenant.IsActive(user, IndexOf(apps[i]), day))
                    {
                        active[i]++;
                        anyApp = true;
                    }
                }

                anyActive += anyApp ? 1 : 0;
                if (request.V2)
                {
                    prompts += activityApps.Sum(a => tenant.Prompts(user, IndexOf(a), day));
                }
            }

            for (var i = 0; i < apps.Count; i++)
            {
                row.Add((long)tenant.Users);
                row.Add(active[i]);
            }

            row.Insert(2 + (2 * 7), (long)tenant.Users);
            row.Insert(3 + (2 * 7), anyActive);
            if (request.V2)
            {
                row.Add(prompts);
            }

            row.Add((long)request.Days);
            yield return [.. row];
        }
    }

    private long PromptsInPeriod(int user, int days, IEnumerable<SimulatedApp> apps)
    {
        long total = 0;
        foreach (var app in apps)
        {
            for (var back = 0; back < days; back++)
            {
                total += tenant.Prompts(user, IndexOf(app), tenant.RefreshDate.AddDays(-back));
            }
        }

        return total;
    }

    /// <summary>Apps with a last-activity column, in the documented order (Copilot Chat first).</summary>
    private static List<SimulatedApp> ActivityApps(bool v2)
    {
        var apps = SimulatedApp.For(v2).Where(a => a.ActivityCsv is not null).ToList();
        var chat = apps.Single(a => a.JsonName == "copilotChat");
        apps.Remove(chat);
        apps.Insert(0, chat);
        return apps;
    }

    /// <summary>Apps with enabled/active counts, in the documented order: Teams, Word, PowerPoint, Outlook, Excel, OneNote, Loop, Copilot Chat, v2 extras.</summary>
    private static IEnumerable<SimulatedApp> CountApps(bool v2)
    {
        string[] order = ["microsoftTeams", "word", "powerPoint", "outlook", "excel", "oneNote", "loop", "copilotChat", "copilotChatWork", "copilotChatWeb", "microsoft365Copilot", "edge"];
        return order.Select(name => SimulatedApp.All.Single(a => a.JsonName == name)).Where(a => a.HasCounts && (v2 || !a.V2));
    }

    private static int IndexOf(SimulatedApp app)
    {
        for (var i = 0; i < SimulatedApp.All.Count; i++)
        {
            if (ReferenceEquals(SimulatedApp.All[i], app))
            {
                return i;
            }
        }

        throw new ArgumentException("Unknown app.", nameof(app));
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
