using System.Text.RegularExpressions;
using CopilotIngest.Settings;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests;

/// <summary>Settings that work but are probably not meant, and secret files or tokens that cannot work.</summary>
public sealed partial class SettingsWarningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex(@"^#?\s*([A-Z][A-Z0-9_]+)=", RegexOptions.Multiline)]
    private static partial Regex ExampleSetting();

    [Fact]
    public void Parse_DuplicateKey_WarnedWithBothLinesAndWhichWins()
    {
        var warnings = new List<string>();
        var values = DotEnvFile.Parse("GITHUB_ORGS=first\n# comment\nPORT_CLIENT_ID=x\nGITHUB_ORGS=second\n", ".env", new List<string>(), warnings);

        Assert.Equal("second", values["GITHUB_ORGS"]);
        var warning = Assert.Single(warnings);
        Assert.Contains("GITHUB_ORGS on lines 1, 4", warning, StringComparison.Ordinal);
        Assert.Contains("line 4", warning, StringComparison.Ordinal);
        Assert.Contains("wins", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PORT_CLIENTID", "PORT_CLIENT_ID")]
    [InlineData("GITHUB_ORG", "GITHUB_ORGS")]
    [InlineData("M365_TENANTID", "M365_TENANT_ID")]
    [InlineData("port_client_secret", "PORT_CLIENT_SECRET")]
    public void Parse_MisspeltKnownKey_DidYouMeanWithLine(string misspelt, string known)
    {
        var warnings = new List<string>();
        DotEnvFile.Parse($"# settings\n{misspelt}=value\n", ".env", new List<string>(), warnings);

        var warning = Assert.Single(warnings);
        Assert.Contains($".env line 2: {misspelt}", warning, StringComparison.Ordinal);
        Assert.Contains($"did you mean {known}?", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MY_OWN_VARIABLE")]
    [InlineData("GITHUB_TOKEN_FILE")]
    [InlineData("PORT_CLIENT_SECRET")]
    public void Parse_KnownOrUnrelatedKey_NoWarning(string name)
    {
        var warnings = new List<string>();
        DotEnvFile.Parse($"{name}=value\n", ".env", new List<string>(), warnings);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Names_EverySettingOfConfigExample_IsKnown()
    {
        var example = File.ReadAllText(ReferenceFiles.Repo("config.example.env"));
        var names = ExampleSetting().Matches(example).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(KnownSettings.IsKnown(name), name));
    }

    [Fact]
    public async Task Run_MisspeltKeyInDotEnv_WarnedOnStandardError()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), "INGEST_M365=false\nPORT_CLIENTID=abc\n", TestContext.Current.CancellationToken);

        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".env line 2: PORT_CLIENTID is not a setting this program reads; did you mean PORT_CLIENT_ID?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretFileLargerThanCap_ErrorNamesFileAndLimit()
    {
        var big = Path.Combine(_directory, "big");
        File.WriteAllBytes(big, new byte[SettingsLoader.MaxSecretFileBytes + 1]);

        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["PORT_CLIENT_SECRET_FILE"] = big }, null);

        var error = Assert.Single(settings.Errors);
        Assert.Contains($"PORT_CLIENT_SECRET_FILE={big} is larger than 64 KiB", error, StringComparison.Ordinal);
        Assert.Null(settings.Configuration["PORT_CLIENT_SECRET"]);
    }

    [Fact]
    public void Load_SecretFileIsEndlessDevice_StopsAtTheCap()
    {
        const string endless = "/dev/zero";
        var path = File.Exists(endless) ? endless : Path.Combine(_directory, "stand-in");
        if (path != endless)
        {
            File.WriteAllBytes(path, new byte[4 * SettingsLoader.MaxSecretFileBytes]);
        }

        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["GITHUB_TOKEN_FILE"] = path }, null);

        Assert.Contains("is larger than 64 KiB", Assert.Single(settings.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretFileEmpty_ErrorNamesTheFileNotMissing()
    {
        var empty = Path.Combine(_directory, "empty");
        File.WriteAllText(empty, "\n");

        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["PORT_CLIENT_SECRET_FILE"] = empty }, null);

        Assert.Equal($"PORT_CLIENT_SECRET_FILE={empty} is empty: put the secret in that file, or set PORT_CLIENT_SECRET instead.", Assert.Single(settings.Errors));
    }

    [Theory]
    [InlineData("ghp_abcdé123", "a non-ASCII character at position 9")]
    [InlineData("ghp_abc\u00A0def", "a non-ASCII character at position 8")]
    [InlineData("ghp_abc\ndef", "a control character")]
    [InlineData("ghp_abc def", "a space")]
    public async Task Run_TokenAnHttpHeaderCannotCarry_ExitCode2NamingTheVariable(string token, string expected)
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["INGEST_M365"] = "false", ["GITHUB_TOKEN"] = token, ["GITHUB_ORGS"] = "acme" },
            _directory,
            "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"GITHUB_TOKEN contains {expected}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Error, StringComparison.Ordinal);
    }
}
