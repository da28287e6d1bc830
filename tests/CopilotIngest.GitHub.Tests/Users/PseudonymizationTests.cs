using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Privacy;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Tests.Fakes;
using CopilotIngest.GitHub.Users;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Users;

/// <summary><c>PRIVACY_MODE=pseudonymize</c>: every data set runs and no login reaches Port or the logs.</summary>
public sealed class PseudonymizationTests
{
    private const string Key = "a-long-enough-privacy-key-0123456789";
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryDataSet_Pseudonymized_WritesNoLoginToPortOrTheLogs()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 120, TimeProvider = time, UsersPerReportFile = 100 }, Token);
        var port = new FakePort();
        var logs = new ListLoggerProvider();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, logs: logs, settings: new Dictionary<string, string?>
        {
            [GitHubSettingNames.UserMetrics] = "true",
            [GitHubSettingNames.TeamMetrics] = "true",
            [GitHubSettingNames.SeatDetails] = "true",
            [GitHubSettingNames.UsageLookbackDays] = "3",
            [PrivacyOptions.ModeSetting] = "pseudonymize",
            [PrivacyOptions.KeySetting] = Key,
        });

        var results = new List<DataSetResult>();
        foreach (var dataSet in provider.GetServices<IDataSet>())
        {
            results.Add(await dataSet.RunAsync(Token));
        }

        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Name}: {r.Error}"));
        Assert.Equal(5, results.Count);
        Assert.NotEmpty(port.Entities(UserRollupMapper.Blueprint));
        Assert.NotEmpty(port.Entities(SeatDetailsMapper.Blueprint));
        var stored = port.AllText();
        var logged = logs.AllText();
        var notes = string.Join('\n', results.SelectMany(r => r.Notes ?? []).Concat(results.SelectMany(r => r.Failures.Select(f => f.Message))));
        Assert.NotEmpty(logs.Messages);
        foreach (var user in github.Population.Users)
        {
            Assert.DoesNotContain(user.Login, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(user.Login, logged, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(user.Login, notes, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(github.Token, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("\"user_id\"", stored, StringComparison.Ordinal);

        var pseudonymizer = new Pseudonymizer(PrivacyMode.Pseudonymize, Key);
        var someone = github.Population.Users[github.Population.Organizations[0].SeatedUsers[0]];
        var entity = port.Entity(UserRollupMapper.Blueprint, $"{pseudonymizer.Apply(someone.Login)}@octo-web");
        Assert.Equal(pseudonymizer.Apply(someone.Login), (string?)entity.Properties["login"]);
        Assert.True(port.Contains(SeatDetailsMapper.Blueprint, $"{pseudonymizer.Apply(someone.Login)}@enterprise:octo-ent"));
    }

    [Fact]
    public async Task EveryDataSet_Plain_StoresLoginsAsTheyAre()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 40, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: new Dictionary<string, string?> { [GitHubSettingNames.SeatDetails] = "true" });

        await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        var someone = github.Population.Users[0];
        Assert.Equal(someone.Login, (string?)port.Entity(SeatDetailsMapper.Blueprint, $"{someone.Login}@enterprise:octo-ent").Properties["login"]);
    }
}
