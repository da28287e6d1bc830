using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Tests.Fakes;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.GitHub.Tests.Reports;

/// <summary>
/// Report endpoints and the download host as real loopback servers with scripted answers: every fault of either,
/// split files, expired links, and the token never reaching the download host.
/// </summary>
public sealed class UsageReportReaderScriptedTests
{
    private const string DayPath = "/orgs/acme/copilot/metrics/reports/users-1-day?day=2026-11-20";
    private const string Secret = "ghp_ScriptedToken0123456789";
    private static readonly SeatScope s_acme = SeatScope.Organization("acme");
    private static readonly DateOnly s_day = new(2026, 11, 20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_SplitReport_ReadsEveryFileAndNeverSendsTheTokenToTheDownloadHost()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) => NdjsonAsync(context, Users(context.Request.Path.Value!.Contains("2.ndjson", StringComparison.Ordinal) ? 3 : 2, context.Request.Path.Value!)));
        await using var api = await LinksServerAsync(downloads, 3);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.NotNull(read);
        Assert.Equal((3, 7L), (read.Files, read.Records));
        Assert.Empty(read.Problems);
        Assert.Equal(7, read.State.Count);
        Assert.Equal(3, downloads.Requests.Count);
        Assert.All(downloads.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
        Assert.All(downloads.Requests, r => Assert.DoesNotContain(Secret, string.Join(' ', r.Headers.Values), StringComparison.Ordinal));
        Assert.Equal("Bearer " + Secret, Assert.Single(api.Requests).Headers["Authorization"]);
        Assert.Equal(DayPath, api.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task ReadAsync_MalformedLine_IsReportedWithFileAndLineWithoutTheSignedQuery()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
            NdjsonAsync(context, context.Request.Path.Value!.Contains("2.ndjson", StringComparison.Ordinal) ? "{\"user_login\":\"a\"}\n{\"user_login\": 12}\n{\"user_login\":\"b\"}\n" : Users(2, "x")));
        await using var api = await LinksServerAsync(downloads, 2);
        var logs = new ListLoggerProvider();
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret, logs: logs);

        var read = await ReadUsersAsync(provider);

        Assert.Equal(4L, read!.Records);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal($"users-1-day report of organization 'acme' for 2026-11-20, file 2 of 2 ({downloads.BaseAddress.Authority}/files/2.ndjson)", problem.File);
        Assert.StartsWith("not a valid record", problem.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Contains("file 2 of 2", StringComparison.Ordinal) && m.Contains("line 2", StringComparison.Ordinal));
        Assert.DoesNotContain("sig=", logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>")]
    [InlineData(410, "gone")]
    [InlineData(404, "")]
    public async Task ReadAsync_LinkRefusedOnce_AsksForFreshLinksAndReadsThem(int status, string body)
    {
        var refused = 0;
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
            Interlocked.Increment(ref refused) == 1 ? TextAsync(context, status, body) : NdjsonAsync(context, Users(2, "x")));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.Equal(2, read!.State.Count);
        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(2, downloads.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_LinksRefusedAgainAfterRefresh_FailsNamingTheReportAndTheFix()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) => TextAsync(context, 403, "Request has expired: se=123&sig=SECRETSIG"));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("users-1-day report of organization 'acme' for 2026-11-20", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused the link as expired (403), also with fresh links", ex.Message, StringComparison.Ordinal);
        Assert.Contains("copilot-reports.github.com", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_DownloadHostAsksForCredentials_FailsWithoutRetryingOrRefreshing()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) => TextAsync(context, 401, "no"));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("asked for credentials (401)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("proxy", ex.Message, StringComparison.Ordinal);
        Assert.Single(downloads.Requests);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task ReadAsync_DownloadHostUnprocessable_FailsNamingTheStatus()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) => TextAsync(context, 422, "bad"));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Contains("answered 422", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DownloadServerErrorsThenSuccess_Retries()
    {
        var calls = 0;
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) <= 2 ? TextAsync(context, 502, "bad gateway") : NdjsonAsync(context, Users(1, "x")));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.Single(read!.State);
        Assert.Equal(3, downloads.Requests.Count);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task ReadAsync_DownloadServerErrorsPersist_FailsAfterRetries()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) => TextAsync(context, 500, "oops"));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("answered 500", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, downloads.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_Download429WithRetryAfter_WaitsAndRetries()
    {
        var calls = 0;
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return TextAsync(context, 429, "slow down");
            }

            return NdjsonAsync(context, Users(1, "x"));
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var read = await ReadUsersAsync(provider);

        Assert.Single(read!.State);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {started.Elapsed}");
    }

    [Fact]
    public async Task ReadAsync_Download429WaitLongerThanAllowed_FailsAtOnce()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return TextAsync(context, 429, "slow down");
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Single(downloads.Requests);
    }

    [Fact]
    public async Task ReadAsync_DownloadConnectionDroppedBeforeAnswer_Retries()
    {
        var calls = 0;
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ScriptedServer.Drop(context);
                return Task.CompletedTask;
            }

            return NdjsonAsync(context, Users(2, "x"));
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.Equal(2, read!.State.Count);
    }

    [Fact]
    public async Task ReadAsync_ConnectionDroppedMidFile_ReadsTheFileAgainWithoutCountingTwice()
    {
        var calls = 0;
        await using var downloads = await ScriptedServer.StartAsync(async (context, _) =>
        {
            var body = Encoding.UTF8.GetBytes(Users(4, "x"));
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);

                // Let the headers and the first half arrive before the reset, so the drop happens mid-body.
                await Task.Delay(300, context.RequestAborted);
                ScriptedServer.Drop(context);
                return;
            }

            await NdjsonAsync(context, Users(4, "x"));
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.Equal(4, read!.State.Count);
        Assert.Equal(4L, read.Records);
        Assert.True(calls >= 2, "the file was downloaded again");

        // Normally the reset arrives mid-body and the reader asks for fresh links; on a loaded machine it can arrive
        // before the headers are read, and the download is simply retried. Either way no record counts twice.
        Assert.InRange(api.Requests.Count, 1, 2);
    }

    [Fact]
    public async Task ReadAsync_DownloadHostTooSlow_FailsNamingTheHost()
    {
        await using var downloads = await ScriptedServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await NdjsonAsync(context, Users(1, "x"));
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret, tune: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        });

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Null(ex.StatusCode);
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
        Assert.Contains(downloads.BaseAddress.Authority, ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, downloads.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_BodyTooSlow_StopsAfterTheDownloadTimeout()
    {
        await using var downloads = await ScriptedServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(Users(1, "x"), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret, tune: o => o.DownloadTimeout = TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Contains("took longer than", ex.Message, StringComparison.Ordinal);
        Assert.Contains("file 1 of 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DownloadRedirected_FollowsItWithoutCredentials()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, request) =>
        {
            if (request.PathAndQuery.StartsWith("/files/", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "/blob/real.ndjson?sv=1&sig=other";
                return Task.CompletedTask;
            }

            return NdjsonAsync(context, Users(2, "x"));
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.Equal(2, read!.State.Count);
        Assert.Equal(2, downloads.Requests.Count);
        Assert.All(downloads.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task ReadAsync_RedirectToPlainHttpElsewhere_IsNotFollowed()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://files.example.net/report.ndjson";
            return Task.CompletedTask;
        });
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Contains("not https; not followed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyFileAndNoLinks_GiveNoRecords()
    {
        await using var downloads = await ScriptedServer.StartAsync((context, _) => NdjsonAsync(context, string.Empty));
        await using var api = await LinksServerAsync(downloads, 1);
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var read = await ReadUsersAsync(provider);

        Assert.Equal((1, 0L), (read!.Files, read.Records));

        await using var none = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, """{"download_links":[],"report_day":"2026-11-20"}"""));
        using var noneProvider = GitHubTestHost.Create(none.BaseAddress, Secret);
        var empty = await ReadUsersAsync(noneProvider);
        Assert.Equal((0, 0L), (empty!.Files, empty.Records));
    }

    [Theory]
    [InlineData(204)]
    [InlineData(404)]
    public async Task ReadAsync_NoReportForTheDay_IsNullNotAnError(int status)
    {
        await using var api = await ScriptedServer.StartAsync((context, _) => status == 204 ? StatusAsync(context, 204) : JsonAsync(context, 404, """{"message":"Not Found"}"""));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        Assert.Null(await ReadUsersAsync(provider));
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task GetNewestDayAsync_ReadsReportEndDayWithoutDownloading()
    {
        await using var api = await ScriptedServer.StartAsync((context, _) =>
            JsonAsync(context, 200, ReferenceFiles.ReadText("github/usage-report-links-28-day.example.json")));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var newest = await provider.Reports().GetNewestDayAsync(s_acme, Token);

        Assert.Equal(new DateOnly(2025, 7, 28), newest);
        Assert.Equal("/orgs/acme/copilot/metrics/reports/organization-28-day/latest", Assert.Single(api.Requests).PathAndQuery);
    }

    [Fact]
    public async Task GetNewestDayAsync_EnterprisePath_AndMissingEndDay_IsExplained()
    {
        await using var api = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, """{"download_links":[]}"""));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Reports().GetNewestDayAsync(SeatScope.Enterprise("acme"), Token));

        Assert.Contains("names no report_end_day", ex.Message, StringComparison.Ordinal);
        Assert.Equal("/enterprises/acme/copilot/metrics/reports/enterprise-28-day/latest", Assert.Single(api.Requests).PathAndQuery);
    }

    [Theory]
    [InlineData(401, "Bad credentials", "GITHUB_TOKEN")]
    [InlineData(403, "Must have admin rights", "View organization Copilot metrics")]
    [InlineData(404, "Not Found", "Copilot usage metrics' policy")]
    [InlineData(422, "Validation Failed", "422")]
    public async Task GetNewestDayAsync_ApiRefuses_SaysWhatToFix(int status, string message, string expected)
    {
        await using var api = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, status, $$"""{"message":"{{message}}"}"""));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Reports().GetNewestDayAsync(s_acme, Token));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("usage-metrics", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task GetNewestDayAsync_Api429WithRetryAfter_WaitsAndRetries()
    {
        var calls = 0;
        await using var api = await ScriptedServer.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return JsonAsync(context, 429, """{"message":"You have exceeded a secondary rate limit."}""");
            }

            return JsonAsync(context, 200, ReferenceFiles.ReadText("github/usage-report-links-28-day.example.json"));
        });
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        Assert.Equal(new DateOnly(2025, 7, 28), await provider.Reports().GetNewestDayAsync(s_acme, Token));
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task GetNewestDayAsync_Api5xxPersists_FailsAfterRetries()
    {
        await using var api = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 503, """{"message":"Service Unavailable"}"""));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Reports().GetNewestDayAsync(s_acme, Token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Contains("githubstatus.com", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, api.Requests.Count);
    }

    [Fact]
    public async Task GetNewestDayAsync_ApiDropsConnection_FailsAfterRetriesNamingTheHost()
    {
        await using var api = await ScriptedServer.StartAsync((context, _) =>
        {
            ScriptedServer.Drop(context);
            return Task.CompletedTask;
        });
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Reports().GetNewestDayAsync(s_acme, Token));

        Assert.Contains("GITHUB_API_URL", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, api.Requests.Count);
    }

    [Fact]
    public async Task GetNewestDayAsync_ApiTooSlow_TimesOut()
    {
        await using var api = await ScriptedServer.StartAsync(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret, tune: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        });

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Reports().GetNewestDayAsync(s_acme, Token));

        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"download_links":["ftp://files.example.net/x"],"report_day":"2026-11-20"}""", "not an absolute https URL")]
    [InlineData("""{"download_links":["http://files.example.net/x"],"report_day":"2026-11-20"}""", "not an absolute https URL")]
    [InlineData("""{"download_links":["not a url"]}""", "not an absolute https URL")]
    [InlineData("""{"report_day":"2026-11-20"}""", "no 'download_links' array")]
    [InlineData("""{"download_links":"x"}""", "not the expected JSON")]
    [InlineData("", "empty response")]
    [InlineData("<html>sign in</html>", "HTML page")]
    public async Task ReadAsync_UnexpectedLinksAnswer_FailsNamingThePath(string body, string expected)
    {
        await using var api = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, body));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var ex = await Assert.ThrowsAsync<ApiException>(() => ReadUsersAsync(provider));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("/orgs/acme/copilot/metrics/reports/users-1-day", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OfficialOneDayLinksExample_IsRead()
    {
        await using var api = await ScriptedServer.StartAsync((context, _) => JsonAsync(context, 200, ReferenceFiles.ReadText("github/usage-report-links-1-day.example.json")));
        using var provider = GitHubTestHost.Create(api.BaseAddress, Secret);

        var links = await provider.Client().GetReportLinksAsync(s_acme, UsageReportKind.UsersOneDay, s_day, Token);

        Assert.Equal(2, links!.DownloadLinks.Count);
        Assert.Equal(new DateOnly(2025, 7, 1), links.ReportDay);
    }

    private static Task<ReportRead<ConcurrentBag<string>>?> ReadUsersAsync(Microsoft.Extensions.DependencyInjection.ServiceProvider provider) =>
        provider.Reports().ReadAsync(s_acme, UsageReportKind.UsersOneDay, s_day, GitHubJsonContext.Default.UserDayUsage, () => new ConcurrentBag<string>(), static (bag, user) => bag.Add(user.UserLogin ?? "?"), Token);

    /// <summary>An API server that answers every report request with <paramref name="files"/> signed-looking links to <paramref name="downloads"/>.</summary>
    private static Task<ScriptedServer> LinksServerAsync(ScriptedServer downloads, int files)
    {
        var counter = 0;
        return ScriptedServer.StartAsync((context, _) =>
        {
            var round = Interlocked.Increment(ref counter);
            var links = Enumerable.Range(1, files).Select(i => $"\"{downloads.BaseAddress}files/{i}.ndjson?se={round}&sig=S3CR3T{round}\"");
            return JsonAsync(context, 200, $$"""{"download_links":[{{string.Join(',', links)}}],"report_day":"2026-11-20"}""");
        });
    }

    private static string Users(int count, string tag) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"{{\"day\":\"2026-11-20\",\"user_login\":\"{tag.GetHashCode(StringComparison.Ordinal) & 0xffff}-{i}\",\"user_id\":{i}}}\n"));

    private static Task NdjsonAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "application/x-ndjson";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static async Task JsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static async Task TextAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static Task StatusAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
