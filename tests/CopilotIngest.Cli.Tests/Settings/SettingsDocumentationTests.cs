using System.Text.RegularExpressions;
using CopilotIngest.Settings;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests.Settings;

/// <summary>
/// The settings the program reads and the settings the documentation names are the same set: every setting in
/// docs/05-Configuration.md and config.example.env is read by the program, and every setting the program reads is in both.
/// </summary>
public sealed partial class SettingsDocumentationTests
{
    // A row of a settings table in docs/05: its first cell names one or more settings in backticks.
    [GeneratedRegex(@"^\|\s*(`[A-Z][A-Z0-9_]+`(?:[^|]*?`[A-Z][A-Z0-9_]+`)*)[^|]*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^#?\s*([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=", RegexOptions.Multiline)]
    private static partial Regex ExampleLine();

    private static HashSet<string> DocumentedInConfigurationPage()
    {
        var text = File.ReadAllText(ReferenceFiles.Repo("docs/05-Configuration.md"));
        return TableRow().Matches(text)
            .SelectMany(row => Quoted().Matches(row.Groups[1].Value).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> InConfigExample() =>
        ExampleLine().Matches(File.ReadAllText(ReferenceFiles.Repo("config.example.env")))
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    private static string Base(string name) => name.EndsWith("_FILE", StringComparison.Ordinal) && KnownSettings.Names.Contains(name[..^"_FILE".Length]) ? name[..^"_FILE".Length] : name;

    [Fact]
    public void ConfigurationPage_EverySettingInItsTables_IsReadByTheProgram()
    {
        var documented = DocumentedInConfigurationPage();

        Assert.True(documented.Count > 30, $"only {documented.Count} settings found in docs/05's tables");
        Assert.Empty(documented.Where(name => !KnownSettings.IsKnown(name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ConfigExample_EverySetting_IsReadByTheProgram()
    {
        var example = InConfigExample();

        Assert.NotEmpty(example);
        Assert.Empty(example.Where(name => !KnownSettings.IsKnown(name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KnownSettings_EverySettingTheProgramReads_IsInTheConfigurationPageAndTheExample()
    {
        var documented = DocumentedInConfigurationPage().Select(Base).ToHashSet(StringComparer.Ordinal);
        var example = InConfigExample().Select(Base).ToHashSet(StringComparer.Ordinal);

        var read = KnownSettings.Names.Select(Base).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(read.Where(name => !documented.Contains(name)).Order(StringComparer.Ordinal));
        Assert.Empty(read.Where(name => !example.Contains(name)).Order(StringComparer.Ordinal));
    }
}
