using CopilotIngest.Settings;

namespace CopilotIngest.Cli.Tests;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_EnvironmentAndDotEnv_EnvironmentWins()
    {
        var dotEnv = Write(".env", "GITHUB_ORGS=from-file\nPORT_CLIENT_ID=file-id\n");
        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["GITHUB_ORGS"] = "from-env" }, dotEnv);

        Assert.Equal("from-env", settings.Configuration["GITHUB_ORGS"]);
        Assert.Equal("file-id", settings.Configuration["PORT_CLIENT_ID"]);
        Assert.Equal(dotEnv, settings.DotEnvPath);
    }

    [Fact]
    public void Load_Overrides_WinOverEnvironment()
    {
        var settings = SettingsLoader.Load(
            new Dictionary<string, string?> { ["PORT_BASE_URL"] = "https://api.getport.io" },
            null,
            new Dictionary<string, string?> { ["PORT_BASE_URL"] = "http://127.0.0.1:5000" });
        Assert.Equal("http://127.0.0.1:5000", settings.Configuration["PORT_BASE_URL"]);
    }

    [Fact]
    public void Load_SecretFile_ReadIntoSettingWithoutTrailingNewline()
    {
        var secretFile = Write("token", "ghp_secret\n");
        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["GITHUB_TOKEN_FILE"] = secretFile }, null);
        Assert.Equal("ghp_secret", settings.Configuration["GITHUB_TOKEN"]);
        Assert.Empty(settings.Errors);
    }

    [Fact]
    public void Load_SecretFileMissing_ErrorNamesSettingNotContent()
    {
        var missing = Path.Combine(_directory, "nope");
        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["PORT_CLIENT_SECRET_FILE"] = missing }, null);
        var error = Assert.Single(settings.Errors);
        Assert.Contains("PORT_CLIENT_SECRET_FILE", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretAndSecretFileBothSet_Error()
    {
        var secretFile = Write("secret", "a");
        var settings = SettingsLoader.Load(
            new Dictionary<string, string?> { ["PORT_CLIENT_SECRET"] = "s3cr3t-value", ["PORT_CLIENT_SECRET_FILE"] = secretFile },
            null);
        var error = Assert.Single(settings.Errors);
        Assert.Contains("PORT_CLIENT_SECRET and PORT_CLIENT_SECRET_FILE are both set", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileSuffixOnNonSecretSetting_LeftAlone()
    {
        var settings = SettingsLoader.Load(new Dictionary<string, string?> { ["SUMMARY_FILE"] = "/does/not/exist" }, null);
        Assert.Empty(settings.Errors);
        Assert.Null(settings.Configuration["SUMMARY"]);
    }

    [Fact]
    public void Load_MalformedDotEnv_ErrorsCollected()
    {
        var dotEnv = Write(".env", "GOOD=1\nthis is not a setting\n");
        var settings = SettingsLoader.Load(new Dictionary<string, string?>(), dotEnv);
        Assert.Single(settings.Errors);
        Assert.Equal("1", settings.Configuration["GOOD"]);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
