using System.Text.RegularExpressions;
using CopilotIngest.Settings;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests.Settings;

/// <summary>
/// A setting's name is written once, as the constant of the class that owns it: everywhere else in src/ code names the
/// setting through that constant, so a renamed setting cannot leave a stale name in a message or a lookup.
/// </summary>
public sealed partial class SettingNameLiteralTests
{
    // The simulated GitHub and Microsoft Graph stand alone (they reference no product library), so they spell the
    // settings that point the worker at them themselves.
    private static readonly string[] s_standAlone = [Path.Combine("src", "CopilotIngest.Simulation")];

    [GeneratedRegex(@"""(?:[^""\\\r\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    // The one place a setting's name may be a literal: the constant that defines it.
    [GeneratedRegex(@"\bconst\s+string\s+\w+\s*=\s*""[A-Z][A-Z0-9_]*""\s*;")]
    private static partial Regex ConstantDeclaration();

    [Fact]
    public void SourceFiles_SettingNames_OnlyInTheirOwnersConstants()
    {
        var names = new Regex(@"\b(" + string.Join('|', KnownSettings.Names.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(_FILE)?\b", RegexOptions.CultureInvariant);
        var root = ReferenceFiles.RepositoryRoot;
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("obj") || parts.Contains("bin") || s_standAlone.Any(dir => relative.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal) || ConstantDeclaration().IsMatch(line))
                {
                    continue;
                }

                var path = relative.Replace('\\', '/');
                offenders.AddRange(StringLiteral().Matches(line)
                    .SelectMany(literal => names.Matches(literal.Value))
                    .Select(name => $"{path}:{i + 1} {name.Value}")
                    .Distinct(StringComparer.Ordinal));
            }
        }

        Assert.True(offenders.Count == 0, "Setting names written as string literals outside their owners' constants:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }
}
