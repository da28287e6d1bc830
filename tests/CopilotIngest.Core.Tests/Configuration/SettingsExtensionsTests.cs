using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Core.Tests.Configuration;

public sealed class SettingsExtensionsTests
{
    private const string Name = "SOME_DELETE_THRESHOLD";

    private static (double Value, List<string> Errors) Share(string? text)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Name] = text }).Build();
        var errors = new List<string>();
        return (configuration.GetShare(Name, 0.2, errors), errors);
    }

    [Theory]
    [InlineData("0.35", 0.35)]
    [InlineData("35%", 0.35)]
    [InlineData(" 5% ", 0.05)]
    [InlineData("0", 0.0)]
    [InlineData("100%", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData(null, 0.2)]
    [InlineData("", 0.2)]
    public void GetShare_FractionOrPercentage_ReadsTheShare(string? text, double expected)
    {
        var (value, errors) = Share(text);

        Assert.Empty(errors);
        Assert.Equal(expected, value, 10);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("120%")]
    [InlineData("-0.1")]
    [InlineData("twenty")]
    [InlineData("%")]
    [InlineData("0,2")]
    public void GetShare_OutOfRangeOrNotANumber_NamesTheSettingAndKeepsTheDefault(string text)
    {
        var (value, errors) = Share(text);

        Assert.Equal(0.2, value);
        var error = Assert.Single(errors);
        Assert.StartsWith($"{Name} must be a share from 0 to 1", error, StringComparison.Ordinal);
        Assert.Contains($"'{text.Trim()}'", error, StringComparison.Ordinal);
    }
}
