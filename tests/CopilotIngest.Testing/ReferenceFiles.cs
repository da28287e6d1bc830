namespace CopilotIngest.Testing;

/// <summary>Finds the vendors' example payloads in <c>tests/fixtures/vendor</c> of this repository.</summary>
public static class ReferenceFiles
{
    private static readonly Lazy<string> s_root = new(FindRepositoryRoot);

    public static string RepositoryRoot => s_root.Value;

    public static string VendorFixtures => System.IO.Path.Combine(RepositoryRoot, "tests", "fixtures", "vendor");

    /// <summary>Full path of a reference file, e.g. <c>Path("github/seats.example.json")</c>.</summary>
    public static string Path(string relative)
    {
        var full = System.IO.Path.Combine(VendorFixtures, relative);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Reference file not found: {full}");
        }

        return full;
    }

    public static string ReadText(string relative) => File.ReadAllText(Path(relative));

    /// <summary>Full path of a file of this repository, e.g. <c>Repo("configs/blueprints")</c>.</summary>
    public static string Repo(string relative) => System.IO.Path.Combine(RepositoryRoot, relative);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CopilotIngest.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (CopilotIngest.slnx) above " + AppContext.BaseDirectory);
    }
}
