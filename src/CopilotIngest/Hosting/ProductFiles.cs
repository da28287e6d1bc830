namespace CopilotIngest.Hosting;

/// <summary>Finds the product's own files (blueprints, scorecards, dashboards, mappings) beside the binary, or in the working directory.</summary>
internal static class ProductFiles
{
    /// <summary>The dashboard page configs/dashboards ships.</summary>
    public const string DefaultDashboardPage = "copilot_usage";

    public static string BlueprintsDirectory(string workingDirectory) => Find(workingDirectory, Path.Combine("configs", "blueprints"));

    public static string ScorecardsDirectory(string workingDirectory) => Find(workingDirectory, Path.Combine("configs", "scorecards"));

    public static string DashboardsDirectory(string workingDirectory) => Find(workingDirectory, Path.Combine("configs", "dashboards"));

    public static string MappingsDirectory(string workingDirectory) => Find(workingDirectory, Path.Combine("configs", "mappings"));

    private static string Find(string workingDirectory, string relative)
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, relative);
        if (Directory.Exists(besideBinary))
        {
            return besideBinary;
        }

        return Path.Combine(workingDirectory, relative);
    }
}
