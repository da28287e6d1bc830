using CopilotIngest.Commands;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// The CLI's folders (one namespace each) form layers: the commands sit on top, the demo and the workflows below them,
/// the shared pieces at the bottom. A folder may use its own types and those of the folders listed for it, never one above.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "CopilotIngest";

    // Settings, hosting, logging and console output are the foundation every folder uses; they use each other.
    private static readonly string[] s_foundation = ["Hosting", "Settings", "Logging", "Output"];

    private static readonly Dictionary<string, string[]> s_mayUse = new(StringComparer.Ordinal)
    {
        ["Commands"] = ["Demo", "Workflows", "Diagnostics", "LocalPortHost", .. s_foundation],
        ["Demo"] = ["Workflows", "Diagnostics", "LocalPortHost", .. s_foundation],
        ["Workflows"] = ["LocalPortHost", .. s_foundation],
        ["Diagnostics"] = s_foundation,
        ["LocalPortHost"] = s_foundation,
        ["Hosting"] = s_foundation,
        // KnownSettings gathers every setting name from the class that owns it, the local Port's among them.
        ["Settings"] = ["LocalPortHost", .. s_foundation],
        ["Logging"] = s_foundation,
        ["Output"] = s_foundation,
    };

    public static TheoryData<string> Folders() => [.. s_mayUse.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_UsesOnlyTheFoldersBelowIt(string folder)
    {
        var allowed = s_mayUse[folder].Append(folder).ToHashSet(StringComparer.Ordinal);

        var violations = CliTypes()
            .Where(type => FolderOf(type) == folder)
            .SelectMany(type => TypeReferences.Of(type)
                .Where(used => FolderOf(used) is { } usedFolder && !allowed.Contains(usedFolder))
                .Select(used => $"{TypeReferences.Outermost(type).FullName} uses {TypeReferences.Outermost(used).FullName}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, $"{folder} may use only {string.Join(", ", allowed)}:\n{string.Join('\n', violations)}");
    }

    [Fact]
    public void Assembly_EveryFolder_HasALayer()
    {
        var folders = CliTypes().Select(FolderOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(folders.Except(s_mayUse.Keys, StringComparer.Ordinal));
    }

    private static Type[] CliTypes() => typeof(CliApplication).Assembly.GetTypes();

    /// <summary>The CLI folder a type belongs to (<c>CopilotIngest.Demo.X</c>: Demo), or null outside the folders (Program, generated code).</summary>
    private static string? FolderOf(Type type)
    {
        var ns = TypeReferences.Outermost(type).Namespace;
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
