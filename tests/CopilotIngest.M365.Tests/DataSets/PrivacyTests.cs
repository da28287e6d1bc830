using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.M365.Tests.DataSets;

public sealed class PrivacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAll_Pseudonymize_NoUpnOrNameInAnyEntityOrLog()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 40 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.PrivacyModeSetting] = "pseudonymize";
        settings[M365Settings.PrivacyKey] = "a-long-and-secret-privacy-key";
        settings[M365Settings.RelatePortUsers] = "true";
        await using var harness = M365Harness.Create(settings);

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var users = harness.Port.Entities(M365Blueprints.User);
        Assert.Equal(40, users.Count);
        Assert.All(users, u =>
        {
            Assert.Matches("^u-[0-9a-f]{20}@" + graph.TenantId + "$", u.Identifier);
            Assert.Equal(u.Identifier, u.Title + "@" + graph.TenantId);
            Assert.Equal("pseudonym", (string)u.Properties["identity"]!);
            Assert.Null(u.Relations);
        });
        var everything = harness.Port.AllText() + "\n" + harness.Logs.AllText + "\n" + string.Join('\n', results.SelectMany(r => r.Notes ?? []));
        foreach (var upn in graph.UserPrincipalNames)
        {
            Assert.DoesNotContain(upn, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(upn.Split('@')[0], everything, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("a-long-and-secret-privacy-key", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(graph.ClientSecret, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunUsers_PseudonymizeTwice_SameIdentifiers()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 10 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.PrivacyModeSetting] = "pseudonymize";
        settings[M365Settings.PrivacyKey] = "first-privacy-key-0001";
        await using var first = M365Harness.Create(settings);
        await first.DataSet(DataSetNames.Users).RunAsync(Ct);
        await using var second = M365Harness.Create(settings);

        var result = await second.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.Equal(first.Port.Entities(M365Blueprints.User).Select(e => e.Identifier), second.Port.Entities(M365Blueprints.User).Select(e => e.Identifier));
        Assert.Equal(10, result.Upserted);
    }

    [Fact]
    public async Task RunUsers_PlainWithPortUsers_RelatedOnlyToUsersThatExistInPort()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 10 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.RelatePortUsers] = "true";
        await using var harness = M365Harness.Create(settings);
        var inPort = graph.UserPrincipalNames.Order(StringComparer.Ordinal).Take(7).ToList();
        harness.Port.Seed(M365Blueprints.PortUserBlueprint, [.. inPort.Select(u => u.ToUpperInvariant())]);

        var result = await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.True(result.Succeeded, result.Error);
        var users = harness.Port.Entities(M365Blueprints.User);
        Assert.Equal(graph.UserPrincipalNames.Order(StringComparer.Ordinal).Select(upn => $"{upn}@{graph.TenantId}"), users.Select(u => u.Identifier));
        Assert.All(users, u =>
        {
            var upn = (string)u.Properties["upn"]!;
            Assert.Equal(u.Identifier, $"{upn}@{graph.TenantId}");
            Assert.Equal((string)u.Properties["display_name"]!, u.Title);
            if (inPort.Contains(upn))
            {
                Assert.Equal(upn, (string)u.Relations![M365Blueprints.PortUserRelation]!);
            }
            else
            {
                Assert.Null(u.Relations);
            }
        });
        Assert.Contains(result.Notes!, n => n.StartsWith("3 user(s) have no Port user", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunUsers_PlainWithoutPortUsers_NoRelation()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 3 }, Ct);
        await using var harness = M365Harness.Create(M365Harness.SettingsFor(graph));

        await harness.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.All(harness.Port.Entities(M365Blueprints.User), u => Assert.Null(u.Relations));
    }

    [Fact]
    public async Task RunAll_Aggregate_NoUserWrittenSummaryAndTrendStillLand()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 12 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.PrivacyModeSetting] = "aggregate";
        await using var harness = M365Harness.Create(settings);

        var results = await harness.RunAllAsync(Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Empty(harness.Port.Entities(M365Blueprints.User));
        Assert.NotEmpty(harness.Port.Entities(M365Blueprints.UsageSummary));
        Assert.NotEmpty(harness.Port.Entities(M365Blueprints.UsageTrend));
        var users = Assert.Single(results, r => r.Name == DataSetNames.Users);
        Assert.Equal(0, users.Upserted);
        Assert.Equal("PRIVACY_MODE=aggregate: skipped, no entity about a person is written (the summary and trend still are).", Assert.Single(users.Notes!));
        var everything = harness.Port.AllText() + "\n" + harness.Logs.AllText;
        Assert.All(graph.UserPrincipalNames, upn => Assert.DoesNotContain(upn, everything, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RunUsers_SwitchToAggregate_EarlierUsersStayAndTheNoteCountsThem()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 5 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        await using var harness = M365Harness.Create(settings);
        await harness.DataSet(DataSetNames.Users).RunAsync(Ct);
        settings[M365Settings.PrivacyModeSetting] = "aggregate";
        await using var aggregate = M365Harness.Create(settings, port: harness.Port);

        var result = await aggregate.DataSet(DataSetNames.Users).RunAsync(Ct);

        Assert.Equal(0, result.Deleted);
        Assert.Equal(5, harness.Port.Entities(M365Blueprints.User).Count);
        Assert.Contains("Port still holds 5 m365_copilot_user entities from earlier runs; aggregate mode neither updates nor deletes them", Assert.Single(result.Notes!), StringComparison.Ordinal);
    }
}
