using CopilotIngest.Core.Sharding;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Tests.Sharding;

public sealed class ShardPlanTests
{
    private static readonly string[] DataSets = ["github_seats", "github_usage", "github_users", "github_teams", "github_seat_details", "m365_summary", "m365_users", "m365_trend"];

    private static ShardPlan Plan(int index, int count) => new(Options.Create(new ShardOptions { Index = index, Count = count }));

    private static string[] Units(int count) => [.. Enumerable.Range(0, count).Select(i => $"org-{i}")];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 21)]
    [InlineData(4, 2)]
    [InlineData(7, 20)]
    [InlineData(20, 21)]
    public void Select_EveryShardOfN_CoversEveryUnitExactlyOnce(int count, int units)
    {
        foreach (var dataSet in DataSets)
        {
            var all = Units(units);
            var picked = Enumerable.Range(0, count).SelectMany(i => Plan(i, count).Select(dataSet, all)).ToList();

            Assert.Equal(all.Order(StringComparer.Ordinal), picked.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(4, 21)]
    [InlineData(5, 5)]
    public void Select_MoreUnitsThanShards_SpreadsThemEvenly(int count, int units)
    {
        foreach (var dataSet in DataSets)
        {
            var sizes = Enumerable.Range(0, count).Select(i => Plan(i, count).Select(dataSet, Units(units)).Count).ToList();

            Assert.True(sizes.Max() - sizes.Min() <= 1, $"{dataSet}: {string.Join(',', sizes)}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Owns_EveryShardOfN_ExactlyOneShardOwnsEachDataSet(int count)
    {
        foreach (var dataSet in DataSets)
        {
            Assert.Single(Enumerable.Range(0, count), i => Plan(i, count).Owns(dataSet));
        }
    }

    [Fact]
    public void Select_SameSettingsTwice_SameSplit()
    {
        var first = Plan(1, 3).Select("github_seat_details", Units(10));
        var second = Plan(1, 3).Select("github_seat_details", Units(10));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Owns_ThreeShards_DataSetsDoNotAllStartOnShardZero()
    {
        var starts = DataSets.Select(d => ShardPlan.Start(d, 3)).Distinct().Count();

        Assert.True(starts > 1);
    }

    [Fact]
    public void Select_Unsharded_ReturnsEveryUnitInOrder()
    {
        var all = Units(5);

        Assert.Equal(all, Plan(0, 1).Select("github_seats", all));
        Assert.True(Plan(0, 1).Owns("m365_users"));
    }
}
