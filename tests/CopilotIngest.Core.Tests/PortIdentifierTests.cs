using CopilotIngest.Core.Entities;

namespace CopilotIngest.Core.Tests;

public sealed class PortIdentifierTests
{
    [Theory]
    [InlineData("acme@2026-11-25", true)]
    [InlineData("adele@contoso.com", true)]
    [InlineData("Ünïcödé_team+1", true)]
    [InlineData("with space", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    [InlineData("a#b", false)]
    public void IsValid_Sample_MatchesPortPattern(string identifier, bool expected) =>
        Assert.Equal(expected, PortIdentifier.IsValid(identifier));

    [Fact]
    public void IsValid_TooLong_False() => Assert.False(PortIdentifier.IsValid(new string('a', 1001)));

    [Theory]
    [InlineData("Justice League", "Justice-League")]
    [InlineData("..", "--")]
    [InlineData("a#b?c", "a-b-c")]
    public void Sanitize_InvalidCharacters_ReplacedWithDash(string input, string expected)
    {
        var result = PortIdentifier.Sanitize(input);
        Assert.Equal(expected, result);
        Assert.True(PortIdentifier.IsValid(result));
    }

    [Fact]
    public void Compose_Parts_JoinedWithAt() =>
        Assert.Equal("acme@2026-11-25", PortIdentifier.Compose("acme", "2026-11-25"));
}
