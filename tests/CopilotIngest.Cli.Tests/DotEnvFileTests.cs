using CopilotIngest.Settings;

namespace CopilotIngest.Cli.Tests;

public sealed class DotEnvFileTests
{
    [Fact]
    public void Parse_TypicalFile_ReadsEveryForm()
    {
        var errors = new List<string>();
        var values = DotEnvFile.Parse(
            "\uFEFF# comment\n\nPORT_CLIENT_ID=abc\nexport GITHUB_ORGS = acme, beta \nA='lit\\eral # x'\nB=\"two\\nlines\" # note\nC=plain # trailing comment\nEMPTY=\r\n",
            ".env",
            errors);

        Assert.Empty(errors);
        Assert.Equal("abc", values["PORT_CLIENT_ID"]);
        Assert.Equal("acme, beta", values["GITHUB_ORGS"]);
        Assert.Equal("lit\\eral # x", values["A"]);
        Assert.Equal("two\nlines", values["B"]);
        Assert.Equal("plain", values["C"]);
        Assert.Equal(string.Empty, values["EMPTY"]);
    }

    [Theory]
    [InlineData("NO_EQUALS_SIGN", "line 1: expected NAME=value")]
    [InlineData("1BAD=x", "line 1: expected NAME=value")]
    [InlineData("=value", "line 1: expected NAME=value")]
    [InlineData("OK=1\nQ=\"unterminated", "line 2 (Q): the quoted value has no closing quote")]
    [InlineData("Q='a' b", "line 1 (Q): unexpected text after the closing quote")]
    public void Parse_MalformedLine_ReportsFileAndLine(string text, string expected)
    {
        var errors = new List<string>();
        DotEnvFile.Parse(text, "my.env", errors);
        var error = Assert.Single(errors);
        Assert.Contains("my.env " + expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedLine_KeepsTheOtherLines()
    {
        var errors = new List<string>();
        var values = DotEnvFile.Parse("A=1\nbroken\nB=2", ".env", errors);
        Assert.Single(errors);
        Assert.Equal("1", values["A"]);
        Assert.Equal("2", values["B"]);
    }

    [Fact]
    public void Load_MissingFile_EmptyWithoutError()
    {
        var errors = new List<string>();
        var values = DotEnvFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".env"), errors);
        Assert.Empty(values);
        Assert.Empty(errors);
    }

    [Fact]
    public void Parse_LargeFile_ReadsAllLines()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"NAME_{i}={new string('x', 200)}"));
        var errors = new List<string>();
        var values = DotEnvFile.Parse(text, ".env", errors);
        Assert.Empty(errors);
        Assert.Equal(5000, values.Count);
    }
}
