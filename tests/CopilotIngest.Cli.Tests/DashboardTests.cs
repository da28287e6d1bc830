using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests;

/// <summary>From an empty folder: demo, then <c>dashboard --out</c>, then a real browser draws every widget of configs/dashboards.</summary>
public sealed partial class DashboardTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IReadOnlyList<(string Id, string Type)> ShippedWidgets() =>
        [.. JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo("configs/dashboards/copilot_usage.json")))!["widgets"]![0]!["widgets"]!.AsArray()
            .Select(w => ((string)w!["id"]!, (string)w["type"]!))];

    [Fact]
    public async Task Dashboard_AfterDemo_BrowserDrawsEveryWidgetWithData()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var before = TimeProvider.System.GetUtcNow();
        var demo = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "demo", "--seats", "300", "--m365-users", "400");
        var after = TimeProvider.System.GetUtcNow();
        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);
        Assert.Contains("page", demo.Output, StringComparison.Ordinal);

        var dashboard = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "dashboard", "--out", "report.html");
        Assert.True(dashboard.ExitCode == 0, dashboard.Error + dashboard.Output);
        var report = Path.Combine(_directory, "report.html");
        var html = await File.ReadAllTextAsync(report, cancellationToken);

        // Self-contained: nothing loaded from anywhere, and the page's policy forbids it.
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);

        var dom = await Chromium.DumpDomAsync(report, cancellationToken);
        var results = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName;
        await File.WriteAllTextAsync(Path.Combine(results, "dashboard-dom.html"), dom, cancellationToken);
        await Chromium.ScreenshotAsync(report, Path.Combine(results, "dashboard.png"), 1600, 3400, cancellationToken);

        Assert.Contains("data-rendered=\"done\"", dom, StringComparison.Ordinal);
        var problems = new List<string>();
        foreach (var (id, type) in ShippedWidgets())
        {
            var card = WidgetCard().Matches(dom).FirstOrDefault(m => m.Groups["id"].Value == id);
            if (card is null)
            {
                problems.Add($"{id}: not on the page");
                continue;
            }

            var attributes = card.Value;
            var rendered = Attribute(attributes, "rendered");
            var expected = type switch
            {
                "entities-number-chart" => "number",
                "line-chart" or "entities-pie-chart" => "chart",
                "table-entities-explorer" => "table",
                _ => "?",
            };
            if (rendered != expected)
            {
                problems.Add($"{id}: rendered '{rendered}', expected '{expected}'");
            }
            else if (expected == "number" && !double.TryParse(Attribute(attributes, "value"), System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{id}: no number");
            }
            else if (expected == "chart" && int.Parse(Attribute(attributes, "points") ?? "0", System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                problems.Add($"{id}: a chart without points");
            }
            else if (expected == "table" && int.Parse(Attribute(attributes, "rows") ?? "0", System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                problems.Add($"{id}: a table without rows");
            }
        }

        Assert.Empty(problems);

        // The cost row: the numbers the page shows, against the seats' cost computed by hand from the simulation. The demo
        // sets GITHUB_ENTERPRISE, so the widgets show the enterprise's snapshot (each person once), rounded to whole units.
        Assert.Subset(ShippedWidgets().Select(w => w.Id).ToHashSet(), s_costWidgets.ToHashSet());
        var shown = s_costWidgets.ToDictionary(id => id, id => Attribute(WidgetCard().Matches(dom).First(m => m.Groups["id"].Value == id).Value, "value"));
        var expectedCost = new[] { before, after }.Select(now => DemoCost.Enterprise(300, now)).Select(cost => new Dictionary<string, string?>
        {
            ["ghMonthlySpend"] = Whole(cost.Spend),
            ["ghWastedSpend"] = Whole(cost.Wasted),
            ["ghCostPerActiveUser"] = Whole(cost.PerActiveUser),
        });
        Assert.True(
            expectedCost.Any(e => e.All(pair => shown[pair.Key] == pair.Value)),
            $"shown {string.Join(", ", shown.Select(p => $"{p.Key}={p.Value}"))}; expected {string.Join(" or ", expectedCost.Select(e => string.Join(", ", e.Select(p => $"{p.Key}={p.Value}"))))}");
        Assert.NotNull(shown["m365MonthlySpend"]);
        Assert.Equal(3, ScorecardCard().Matches(dom).Count(m => Attribute(m.Value, "rendered") == "chart"));
    }

    [Fact]
    public async Task Dashboard_NoLocalPortData_ExitCode2NamesTheDemo()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "dashboard", "--out", "report.html");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("copilot-ingest demo", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "report.html")));
    }

    private static readonly string[] s_costWidgets = ["ghMonthlySpend", "ghWastedSpend", "ghCostPerActiveUser", "m365MonthlySpend", "ghAiCreditsTrend"];

    private static string Whole(decimal value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"data-{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<section [^>]*data-widget=\"(?<id>[^\"]+)\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex WidgetCard();

    [GeneratedRegex("<section [^>]*data-kind=\"scorecard\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex ScorecardCard();

    [GeneratedRegex("<(script|link|img|iframe)[^>]+(src|href)=\"?(https?:)?//", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
