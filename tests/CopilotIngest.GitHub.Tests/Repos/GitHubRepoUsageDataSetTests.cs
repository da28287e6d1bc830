using System.Text.Json;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Repos;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Repos;

/// <summary>
/// <c>github_repos</c> end to end over real HTTP: the simulated GitHub's <c>repos-1-day</c> reports, the private-repository
/// switch, gap filling and delta sync; and, with a scripted GitHub, every line shape the reader accepts (GitHub has
/// published no example line).
/// </summary>
public sealed class GitHubRepoUsageDataSetTests
{
    private const string Blueprint = RepoUsageMapper.Blueprint;
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_newest = new(2026, 11, 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void DataSet_Off_IsNotRegistered()
    {
        using var provider = GitHubTestHost.Create(new Uri("http://127.0.0.1:1/"), "ghp_x");

        Assert.DoesNotContain(provider.GetServices<IDataSet>(), d => d is GitHubRepoUsageDataSet);
    }

    [Fact]
    public async Task RunAsync_Enabled_WritesOneEntityPerActiveRepositoryPerDayMatchingTheSimulation()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 120, TimeProvider = time, UsersPerReportFile = 4 }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("3"));

        var result = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        var population = github.Population;
        var expectedCount = 0;
        for (var day = s_newest.AddDays(-2); day <= s_newest; day = day.AddDays(1))
        {
            foreach (var organization in population.Organizations)
            {
                foreach (var repo in SimulatedRepos.Day(population, organization, day))
                {
                    expectedCount++;
                    var entity = port.Entity(Blueprint, $"{organization.Login}@{repo.Repository.FullName.ToLowerInvariant()}@{day:yyyy-MM-dd}");
                    var p = entity.Properties;
                    Assert.Equal(repo.Repository.FullName, (string?)p["repository"]);
                    Assert.Equal(repo.Repository.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)p["repository_id"]);
                    Assert.Equal(repo.Repository.Private, (bool)p["private"]!);
                    Assert.Equal(repo.PullRequests["total_created"], (long)p["prs_created"]!);
                    Assert.Equal(repo.PullRequests["total_merged_created_by_copilot"], (long)p["prs_merged_by_copilot"]!);
                    Assert.Equal(repo.MedianMinutesToMerge, (double)p["median_minutes_to_merge"]!);
                    if (repo.ReviewTimes is { } times)
                    {
                        Assert.Equal(times["total_merged"], (long)p["reviewed_prs_merged"]!);
                        Assert.Equal(times["p90_minutes_final_review_to_merge"], (double)p["p90_minutes_final_review_to_merge"]!);
                    }
                    else
                    {
                        Assert.Equal(0, (long)p["reviewed_prs_merged"]!);
                        Assert.False(p.ContainsKey("median_minutes_ready_to_first_review"));
                    }
                }
            }

            Assert.Equal(
                SimulatedRepos.Day(population, null, day).Count(),
                port.Entities(Blueprint).Count(e => e.Identifier.StartsWith("enterprise:octo-ent@", StringComparison.Ordinal) && e.Identifier.EndsWith($"@{day:yyyy-MM-dd}", StringComparison.Ordinal)));
        }

        Assert.True(expectedCount > 0);
        Assert.Equal(expectedCount, port.Entities(Blueprint).Count(e => !e.Identifier.StartsWith("enterprise:", StringComparison.Ordinal)));
        Assert.Contains(github.DownloadRequests, r => r.Path.Contains("/repos-1-day/", StringComparison.Ordinal) && r.Path.Contains("2-of-", StringComparison.Ordinal));
        Assert.All(github.DownloadRequests, r => Assert.False(r.HadAuthorization));
        var blueprint = BlueprintFile.Load(Blueprint);
        blueprint.AssertWellFormed(Blueprint);
        Assert.All(port.Entities(Blueprint), blueprint.AssertAccepts);
    }

    [Fact]
    public async Task RunAsync_PrivateOff_LeavesPrivateRepositoriesOutAndSaysSo()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 120, TimeProvider = time }, Token);
        var port = new FakePort();
        var settings = Settings("2");
        settings[GitHubSettingNames.RepoMetricsPrivate] = "false";
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: settings);

        var result = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        var privateRepos = github.Population.Organizations.SelectMany(o => SimulatedRepos.Of(github.Population, o)).Where(r => r.Private).Select(r => r.FullName.ToLowerInvariant()).ToList();
        Assert.NotEmpty(privateRepos);
        Assert.NotEmpty(port.Entities(Blueprint));
        Assert.All(port.Entities(Blueprint), e => Assert.False((bool)e.Properties["private"]!));
        Assert.DoesNotContain(port.Entities(Blueprint), e => privateRepos.Any(r => e.Identifier.Contains("@" + r + "@", StringComparison.Ordinal)));
        Assert.Contains(result.Notes ?? [], n => n.Contains("private repositor(y/ies) (GITHUB_REPO_METRICS_PRIVATE=false)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SecondRunAndAGap_FetchesOnlyTheMissingDay()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 80, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("5"));
        var first = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);
        Assert.True(first.Succeeded, first.Error);

        var downloadsBefore = github.DownloadRequests.Count;
        var second = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);
        Assert.Equal((0, 0), (second.Fetched, second.Upserted));
        Assert.Equal(downloadsBefore, github.DownloadRequests.Count);

        var gap = s_newest.AddDays(-2);
        var removed = port.Entities(Blueprint).Where(e => e.Identifier.StartsWith("octo-web@", StringComparison.Ordinal) && e.Identifier.EndsWith($"@{gap:yyyy-MM-dd}", StringComparison.Ordinal)).Select(e => e.Identifier).ToList();
        Assert.NotEmpty(removed);
        await port.DeleteAsync(Blueprint, removed, Token);

        var third = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);

        Assert.True(third.Succeeded, third.Error);
        Assert.Equal(removed.Count, third.Upserted);
        Assert.All(removed, id => Assert.True(port.Contains(Blueprint, id)));
        Assert.Single(github.DownloadRequests.Skip(downloadsBefore), r => r.Path.Contains("/repos-1-day/", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Shapes => new()
    {
        {
            "nested counters, repository full name, visibility",
            """{"day":"2026-11-23","repository_id":7,"repository":"Acme/API","visibility":"public","pull_requests":{"total_created":3,"total_merged":2,"median_minutes_to_merge":12.5},"pull_request_review_times":[{"authored_by":"human","reviewed_by":"human","total_merged":1,"median_minutes_ready_to_first_review":30,"p90_minutes_ready_to_first_review":90,"median_minutes_first_to_final_review":0,"p90_minutes_first_to_final_review":4,"median_minutes_final_review_to_merge":6,"p90_minutes_final_review_to_merge":20}]}"""
        },
        {
            "top-level counters, repo_name, private flag",
            """{"day":"2026-11-23","repo_id":"7","repo_name":"Acme/API","private":false,"total_created":3,"total_merged":2,"median_minutes_to_merge":12.5,"pull_request_review_times":[{"authored_by":"human","reviewed_by":"human","total_merged":1,"median_minutes_ready_to_first_review":30,"p90_minutes_ready_to_first_review":90,"median_minutes_first_to_final_review":0,"p90_minutes_first_to_final_review":4,"median_minutes_final_review_to_merge":6,"p90_minutes_final_review_to_merge":20}]}"""
        },
        {
            "repository object inside a repositories wrapper",
            """{"day":"2026-11-23","repositories":[{"repository":{"id":7,"full_name":"Acme/API","private":false},"pull_requests":{"total_created":3,"total_merged":2,"median_minutes_to_merge":12.5},"pull_request_review_times":[{"total_merged":1,"median_minutes_ready_to_first_review":30,"p90_minutes_ready_to_first_review":90,"median_minutes_first_to_final_review":0,"p90_minutes_first_to_final_review":4,"median_minutes_final_review_to_merge":6,"p90_minutes_final_review_to_merge":20}]}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task RunAsync_EachAcceptedLineShape_WritesTheSameEntity(string shape, string line)
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await ScriptedServer.StartAsync((context, _) => ScriptedAnswer(context, line + "\n"));
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_ScriptedToken0123456789", timeProvider: time, sink: port, settings: ScriptedSettings());

        var result = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, $"{shape}: {result.Error}");
        var entity = Assert.Single(port.Entities(Blueprint));
        Assert.Equal("acme@acme/api@2026-11-23", entity.Identifier);
        Assert.Equal(
            """{"scope_type":"org","scope":"acme","record_date":"2026-11-23T00:00:00Z","repository":"Acme/API","repository_id":"7","private":false,"prs_created":3,"prs_merged":2,"median_minutes_to_merge":12.5,"reviewed_prs_merged":1,"median_minutes_ready_to_first_review":30,"p90_minutes_ready_to_first_review":90,"median_minutes_first_to_final_review":0,"p90_minutes_first_to_final_review":4,"median_minutes_final_review_to_merge":6,"p90_minutes_final_review_to_merge":20}""",
            WithoutHash(entity.Properties));
        Assert.DoesNotContain(result.Notes ?? [], n => n.Contains("unexpected shape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UnknownVisibilityWithPrivateOff_IsLeftOutAndNamedInTheNote()
    {
        var time = new FakeTimeProvider(s_now);
        const string Lines = """
            {"day":"2026-11-23","repository":"acme/open","visibility":"public","pull_requests":{"total_created":1}}
            {"day":"2026-11-23","repository":"acme/secret","visibility":"private","pull_requests":{"total_created":1}}
            {"day":"2026-11-23","repository":"acme/unknown","pull_requests":{"total_created":1}}
            {"day":"2026-11-23","pull_requests":{"total_created":9}}

            """;
        await using var github = await ScriptedServer.StartAsync((context, _) => ScriptedAnswer(context, Lines));
        var port = new FakePort();
        var settings = ScriptedSettings();
        settings[GitHubSettingNames.RepoMetricsPrivate] = "false";
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_ScriptedToken0123456789", timeProvider: time, sink: port, settings: settings);

        var result = await provider.DataSet<GitHubRepoUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("acme@acme/open@2026-11-23", Assert.Single(port.Entities(Blueprint)).Identifier);
        Assert.Contains(result.Notes ?? [], n => n.Contains("left out 2 private repositor(y/ies) (GITHUB_REPO_METRICS_PRIVATE=false), 1 of them because GitHub did not say whether they are private", StringComparison.Ordinal));
        Assert.Contains(result.Notes ?? [], n => n.Contains("left out 1 line(s) naming no repository", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"pull_request_review_times":null}""", null)]
    [InlineData("""{}""", null)]
    [InlineData("""{"pull_request_review_times":[]}""", 0L)]
    public void From_ReviewTimesNullAbsentOrEmpty_IsNoDataOrNoMerges(string extra, long? expected)
    {
        var json = extra.Insert(1, "\"repository\":\"acme/api\"" + (extra.Length > 2 ? "," : string.Empty));
        var problems = new FieldProblems();

        var day = RepoDay.From(JsonSerializer.Deserialize(json, GitHubJsonContext.Default.RepoDayUsage)!, problems)!;

        Assert.Equal(expected, day.ReviewTimes?.TotalMerged);
        Assert.True(problems.IsEmpty);
    }

    [Theory]
    [InlineData("""{"repository":"acme/api","pull_request_review_times":{"total_merged":1}}""", "pull_request_review_times")]
    [InlineData("""{"repository":"acme/api","pull_request_review_times":[{"total_merged":"one"}]}""", "pull_request_review_times")]
    [InlineData("""{"repository":"acme/api","visibility":3}""", "visibility")]
    [InlineData("""{"repository":"acme/api","private":"no"}""", "private")]
    [InlineData("""{"repository":"acme/api","total_created":"three","total_merged":2}""", "pull_requests")]
    public void From_UnexpectedShape_IsAProblemAndTheRepositoryStillReads(string json, string field)
    {
        var problems = new FieldProblems();

        var day = RepoDay.From(JsonSerializer.Deserialize(json, GitHubJsonContext.Default.RepoDayUsage)!, problems);

        Assert.Equal("acme/api", day?.FullName);
        Assert.Equal(1, problems.Count(field));
    }

    [Fact]
    public void Blueprint_DeclaresEveryPropertyTheMapperCanWrite()
    {
        var blueprint = BlueprintFile.Load(Blueprint);
        Assert.Equal(
            RepoUsageMapper.RecordProperties.Select(p => p.Name).Concat(["scope_type", "scope", "record_date", HeldEntities.ContentHashProperty]).Order(StringComparer.Ordinal),
            blueprint.Properties.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DayOf_OwnIdentifiers_GivesTheDayAndNothingForOthers()
    {
        var scope = SeatScope.Organization("acme");

        Assert.Equal(new DateOnly(2026, 5, 7), RepoUsageMapper.DayOf(scope, RepoUsageMapper.Identifier(scope, "Acme/API", new DateOnly(2026, 5, 7))));
        Assert.Null(RepoUsageMapper.DayOf(scope, "acme@2026-05-07"));
        Assert.Null(RepoUsageMapper.DayOf(SeatScope.Enterprise("acme"), "acme@acme/api@2026-05-07"));
    }

    private static string WithoutHash(System.Text.Json.Nodes.JsonObject properties)
    {
        var copy = properties.DeepClone().AsObject();
        copy.Remove(HeldEntities.ContentHashProperty);
        return copy.ToJsonString();
    }

    private static Dictionary<string, string?> Settings(string lookback) => new()
    {
        [GitHubSettingNames.RepoMetrics] = "true",
        [GitHubSettingNames.UsageLookbackDays] = lookback,
    };

    private static Dictionary<string, string?> ScriptedSettings() => new()
    {
        [GitHubSettingNames.RepoMetrics] = "true",
        [GitHubSettingNames.Organizations] = "acme",
        [GitHubSettingNames.Enterprise] = string.Empty,
        [GitHubSettingNames.UsageLookbackDays] = "1",
    };

    /// <summary>A GitHub API and download host in one: the 28-day answer names the newest day, the repos answer links the file.</summary>
    private static async Task ScriptedAnswer(HttpContext context, string file)
    {
        var path = context.Request.Path.Value!;
        var self = $"{context.Request.Scheme}://{context.Request.Host}";
        string body;
        if (path.EndsWith("/organization-28-day/latest", StringComparison.Ordinal))
        {
            body = """{"download_links":[],"report_start_day":"2026-10-27","report_end_day":"2026-11-23"}""";
        }
        else if (path.EndsWith("/repos-1-day", StringComparison.Ordinal))
        {
            body = $$"""{"download_links":["{{self}}/files/1.ndjson?sig=S"],"report_day":"2026-11-23"}""";
        }
        else if (path.StartsWith("/files/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(file, context.RequestAborted);
            return;
        }
        else
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
