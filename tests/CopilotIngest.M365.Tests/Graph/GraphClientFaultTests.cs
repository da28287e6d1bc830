using System.Diagnostics;
using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.M365.Tests.Graph;

/// <summary>The Graph client against scripted faults over real loopback HTTP.</summary>
public sealed class GraphClientFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetReportRowsAsync_Unauthorized_RenewsTokenOnceThenExplains()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            ScriptedGraph.ErrorAsync(context, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."));
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("token expired", error.Message, StringComparison.Ordinal);
        Assert.Contains(M365Settings.TenantId, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetReportRowsAsync_UnauthorizedOnce_RetriesWithFreshTokenAndSucceeds()
    {
        var calls = 0;
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) == 1
                ? ScriptedGraph.ErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
                : ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv));
        await using var harness = ScriptedGraph.Harness(server);

        var users = await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct);

        Assert.Equal(2, users.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer test-token", r.Headers["Authorization"]));
    }

    [Theory]
    [InlineData("/v1.0/copilot/reports/", "Reports.Read.All")]
    [InlineData("/v1.0/subscribedSkus", "LicenseAssignment.Read.All")]
    [InlineData("/v1.0/admin/reportSettings", "ReportSettings.Read.All")]
    [InlineData("/v1.0/organization", "Organization.Read.All")]
    public async Task Calls_Forbidden_MessageNamesThePermission(string path, string permission)
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            ScriptedGraph.ErrorAsync(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
        await using var harness = ScriptedGraph.Harness(server);
        var client = harness.Get<GraphClient>();

        var error = await Assert.ThrowsAsync<ApiException>(async () =>
        {
            switch (path)
            {
                case "/v1.0/subscribedSkus":
                    await foreach (var unused in client.GetSubscribedSkusAsync(Ct))
                    {
                        Assert.Fail("no sku expected");
                    }

                    break;
                case "/v1.0/admin/reportSettings":
                    await client.GetDisplayConcealedNamesAsync(Ct);
                    break;
                case "/v1.0/organization":
                    await client.GetOrganizationAsync(Ct);
                    break;
                default:
                    await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct);
                    break;
            }
        });

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains(permission, error.Message, StringComparison.Ordinal);
        Assert.Contains("admin consent", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_NotFound_NamesGraphUrlAndApiVersion()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.ErrorAsync(context, 404, "ResourceNotFound", "Not found."));
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains(M365Settings.GraphUrl, error.Message, StringComparison.Ordinal);
        Assert.Contains(M365Settings.ApiVersion, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_SegmentNotFound_NamesGraphUrlAndApiVersion()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            ScriptedGraph.ErrorAsync(context, 400, "BadRequest", "Resource not found for the segment 'getMicrosoft365CopilotUsageUserDetail'."));
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Contains("does not offer", error.Message, StringComparison.Ordinal);
        Assert.Contains(M365Settings.ApiVersion, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_Unprocessable_ReportsStatusAndGraphMessage()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.ErrorAsync(context, 422, "UnprocessableEntity", "The period is not supported."));
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Equal((HttpStatusCode)422, error.StatusCode);
        Assert.Contains("422 UnprocessableEntity: The period is not supported.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_ThrottledWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var calls = 0;
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                await ScriptedGraph.ErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
                return;
            }

            await ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv);
        });
        await using var harness = ScriptedGraph.Harness(server);
        var clock = Stopwatch.StartNew();

        var users = await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct);

        Assert.Equal(2, users.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task GetReportRowsAsync_ThrottledOnEveryRetry_ExplainsTheLimit()
    {
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers.RetryAfter = "0";
            await ScriptedGraph.ErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
        });
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("throttling", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + harness.Transport.MaxRetryAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task GetReportRowsAsync_ServerErrorOnce_RetriesAndSucceeds()
    {
        var calls = 0;
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) == 1
                ? ScriptedGraph.ErrorAsync(context, 500, "generalException", "Boom.")
                : ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv));
        await using var harness = ScriptedGraph.Harness(server);

        Assert.Equal(2, (await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct)).Count);
    }

    [Fact]
    public async Task GetReportRowsAsync_ServiceUnavailableOnEveryRetry_SaysItIsMicrosoftsSide()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.ErrorAsync(context, 503, "serviceNotAvailable", "Unavailable."));
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("Microsoft's side", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + harness.Transport.MaxRetryAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task GetReportRowsAsync_NoAnswerInTime_TimesOutWithMessage()
    {
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var harness = ScriptedGraph.Harness(server, tune: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(250);
            o.MaxRetryAttempts = 1;
        });

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Null(error.StatusCode);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_ConnectionDropped_ExplainsAndRetried()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            ScriptedServer.Drop(context);
            return Task.CompletedTask;
        });
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Null(error.StatusCode);
        Assert.Contains("connection to Microsoft Graph failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + harness.Transport.MaxRetryAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task GetReportRowsAsync_RedirectToDownload_FetchesWithoutTheBearerToken()
    {
        await using var server = await ScriptedServer.StartAsync(async (context, request) =>
        {
            if (request.PathAndQuery.StartsWith("/v1.0/", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "/data/download/abc?sig=1";
                return;
            }

            if (request.Headers.ContainsKey("Authorization"))
            {
                context.Response.StatusCode = 400;
                return;
            }

            await ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv);
        });
        await using var harness = ScriptedGraph.Harness(server);
        var state = new ReportReadState();

        var users = await ScriptedGraph.ReadUsersAsync(harness, state, Ct);

        Assert.Equal(2, users.Count);
        Assert.Equal("Wilber, Alex", users[1].DisplayName);
        Assert.True(state.Complete);
        var requests = server.Requests.ToList();
        Assert.Equal("/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')", requests[0].PathAndQuery);
        Assert.True(requests[0].Headers.ContainsKey("Authorization"));
        Assert.Equal("/data/download/abc?sig=1", requests[1].PathAndQuery);
        Assert.False(requests[1].Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GetReportRowsAsync_RedirectToPlainHttpElsewhere_Refused()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://reports.example.com/data/download/abc";
            return Task.CompletedTask;
        });
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Contains("non-HTTPS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_JsonPages_FollowsNextLinkUnchangedUntilTheLast()
    {
        await using var server = await ScriptedServer.StartAsync((context, request) =>
        {
            var next = $"{context.Request.Scheme}://{context.Request.Host}/beta/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')?$skiptoken=MDoyOg";
            return request.PathAndQuery.Contains("skiptoken", StringComparison.Ordinal)
                ? ScriptedGraph.JsonAsync(context, """{"value":[{"reportRefreshDate":"2026-07-03","userPrincipalName":"b@contoso.com","lastActivityDate":null,"copilotActivityUserDetailsByPeriod":[{"reportPeriod":7}]}]}""")
                : ScriptedGraph.JsonAsync(context, $$"""{"@odata.nextLink":"{{next}}","value":[{"reportRefreshDate":"2026-07-03","userPrincipalName":"a@contoso.com","lastActivityDate":"2026-07-01","copilotActivityUserDetailsByPeriod":[{"reportPeriod":7}]}]}""");
        });
        await using var harness = ScriptedGraph.Harness(server, s => s[M365Settings.ApiVersion] = "beta");
        var state = new ReportReadState();

        var users = await ScriptedGraph.ReadUsersAsync(harness, state, Ct);

        Assert.Equal(["a@contoso.com", "b@contoso.com"], users.Select(u => u.UserPrincipalName));
        Assert.True(state.Complete);
        Assert.Equal("/beta/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')?$skiptoken=MDoyOg", server.Requests.Last().PathAndQuery);
        Assert.All(server.Requests, r => Assert.True(r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task GetReportRowsAsync_NextLinkToAnotherHost_RefusesToSendTheToken()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            ScriptedGraph.JsonAsync(context, """{"@odata.nextLink":"https://evil.example.com/next","value":[]}"""));
        await using var harness = ScriptedGraph.Harness(server, s => s[M365Settings.ApiVersion] = "beta");

        var error = await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.Contains("evil.example.com", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("""{"value":{}}""")]
    [InlineData("""{"value":[{"reportRefreshDate":"2026-07-03",""")]
    [InlineData("""{"noValue":true}""")]
    [InlineData("null")]
    [InlineData("""{"value":[{"userPrincipalName":{"nested":true}}]""")]
    public async Task GetReportRowsAsync_UnexpectedJson_ThrowsFormatError(string body)
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.JsonAsync(context, body));
        await using var harness = ScriptedGraph.Harness(server, s => s[M365Settings.ApiVersion] = "beta");

        await Assert.ThrowsAsync<ReportFormatException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));
    }

    [Fact]
    public async Task GetReportRowsAsync_JsonItemsOfTheWrongKind_SkippedAsMalformed()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.JsonAsync(
            context,
            """{"value":[42,{"reportRefreshDate":"2026-07-03","userPrincipalName":"a@contoso.com","wordCopilotLastActivityDate":"last week"},{"reportRefreshDate":"2026-07-03","userPrincipalName":"b@contoso.com","unknownNewColumn":[1,2]}]}"""));
        await using var harness = ScriptedGraph.Harness(server, s => s[M365Settings.ApiVersion] = "beta");
        var state = new ReportReadState();

        var users = await ScriptedGraph.ReadUsersAsync(harness, state, Ct);

        Assert.Equal("b@contoso.com", Assert.Single(users).UserPrincipalName);
        Assert.Equal(2, state.MalformedRows);
        Assert.False(state.Complete);
    }

    [Fact]
    public async Task GetReportRowsAsync_CsvBodyFromBeta_ReadAsCsvByContentType()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv));
        await using var harness = ScriptedGraph.Harness(server, s => s[M365Settings.ApiVersion] = "beta");

        Assert.Equal(2, (await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct)).Count);
    }

    [Fact]
    public async Task GetReportRowsAsync_JsonBodyFromV1_ReadAsJsonByContentType()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) =>
            ScriptedGraph.JsonAsync(context, ReferenceFiles.ReadText("graph/copilot-usage-user-detail.example.json")));
        await using var harness = ScriptedGraph.Harness(server);

        Assert.Single(await ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));
    }

    [Theory]
    [InlineData(404, """{"error":{"code":"UnknownTenantId","message":"We do not recognize this tenant ID 1234. Please double-check the tenant ID and try again."}}""")]
    [InlineData(400, """{"error":{"code":"UnknownError","message":"{\"error\":{\"code\":\"UnknownTenantId\",\"message\":\"We do not recognize this tenant ID.\"}}"}}""")]
    [InlineData(403, """{"error":{"code":"UnknownError","message":"{\"error\":{\"code\":\"UnknownTenantId\"}}"}}""")]
    public async Task GetReportRowsAsync_UnknownTenantId_IsNoDataYet(int status, string body)
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.JsonAsync(context, body, status));
        await using var harness = ScriptedGraph.Harness(server);

        var error = await Assert.ThrowsAsync<ReportNotAvailableException>(() => ScriptedGraph.ReadUsersAsync(harness, new ReportReadState(), Ct));

        Assert.StartsWith("No data yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReportRowsAsync_DownloadDroppedHalfWay_ApiExceptionAndIncomplete()
    {
        await using var server = await ScriptedServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.WriteAsync(ScriptedGraph.UserDetailCsv + "2026-07-03,partial@contoso.com,Pa");
            await context.Response.Body.FlushAsync();
            ScriptedServer.Drop(context);
        });
        await using var harness = ScriptedGraph.Harness(server);
        var state = new ReportReadState();

        await Assert.ThrowsAsync<ApiException>(() => ScriptedGraph.ReadUsersAsync(harness, state, Ct));

        Assert.False(state.Complete);
    }

    [Fact]
    public async Task GetReportRowsAsync_V2Period_SendsVersionArgument()
    {
        await using var server = await ScriptedServer.StartAsync((context, _) => ScriptedGraph.CsvAsync(context, ScriptedGraph.UserDetailCsv));
        await using var harness = ScriptedGraph.Harness(server, s =>
        {
            s[M365Settings.ReportVersion] = "v2";
            s[M365Settings.Period] = "D28";
        });
        var client = harness.Get<GraphClient>();

        await foreach (var unused in client.GetReportRowsAsync(CopilotReport.UsageUserDetail, harness.Options.Period, new ReportReadState(), Ct))
        {
            break;
        }

        Assert.Equal("/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D28',version='v2')", Assert.Single(server.Requests).PathAndQuery);
    }
}
