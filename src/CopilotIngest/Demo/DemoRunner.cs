using System.Globalization;
using System.Security.Cryptography;
using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Output;
using CopilotIngest.Settings;
using CopilotIngest.Port.Webhooks;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;
using CopilotIngest.Workflows;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Port;

namespace CopilotIngest.Demo;

/// <summary>Starts the simulated services and the local Port, then runs setup and ingestion exactly as production does.</summary>
internal static class DemoRunner
{
    public static async Task<int> RunAsync(CliContext context, DemoOptions options, SummaryTarget summary, CancellationToken cancellationToken)
    {
        // The demo reads the environment (LOG_LEVEL, PRIVACY_MODE, …) but no .env file: it needs no configuration.
        var baseSettings = CommandSettings.LoadFromEnvironment(context);
        var realPort = !EmbeddedPort.IsRequested(baseSettings.Configuration[PortSettings.BaseUrl], unsetMeansLocal: true);
        if (realPort && !options.Confirmed)
        {
            throw new ConfirmationRequiredException(RealPortWarning(context, baseSettings.Configuration[PortSettings.BaseUrl]!));
        }
        await using var embedded = await EmbeddedPort.StartIfRequestedAsync(baseSettings, options.DataDirectory, unsetMeansLocal: true, context.TimeProvider, cancellationToken);
        // The demo authenticates as a GitHub App: a key made for this run only, its public half registered in the simulation.
        await using var sources = await SimulatedSources.StartAsync(
            new SimulatedGitHubOptions { Seats = options.Seats, Seed = options.Seed, TimeProvider = context.TimeProvider },
            new SimulatedGraphOptions { LicensedUsers = options.M365Users, Seed = options.Seed, TimeProvider = context.TimeProvider },
            cancellationToken);
        var github = sources.GitHub;
        var app = sources.App;

        var personDataSets = SetupWorkflow.PersonBlueprints(baseSettings).Count == 0 ? "true" : "false";
        var overrides = new Dictionary<string, string?>(embedded.Overrides());
        foreach (var (key, value) in sources.Settings())
        {
            overrides[key] = value;
        }

        // The demo shows every data set, the opt-in ones included, unless the environment says otherwise;
        // with PRIVACY_MODE=aggregate the per-person ones stay off.
        overrides[GitHubSettingNames.UserMetrics] = baseSettings.Configuration[GitHubSettingNames.UserMetrics] ?? personDataSets;
        overrides[GitHubSettingNames.TeamMetrics] = baseSettings.Configuration[GitHubSettingNames.TeamMetrics] ?? "true";
        overrides[GitHubSettingNames.SeatDetails] = baseSettings.Configuration[GitHubSettingNames.SeatDetails] ?? personDataSets;
        overrides[GitHubSettingNames.RepoMetrics] = baseSettings.Configuration[GitHubSettingNames.RepoMetrics] ?? "true";
        overrides[GitHubSettingNames.BillingUsage] = baseSettings.Configuration[GitHubSettingNames.BillingUsage] ?? "true";
        overrides[GitHubSettingNames.AiCredits] = baseSettings.Configuration[GitHubSettingNames.AiCredits] ?? "true";

        // The demo prints its own summary; progress logs stay quiet unless LOG_LEVEL asks for them.
        overrides[LogSettings.Level] = baseSettings.Configuration[LogSettings.Level] ?? "Warning";

        if (realPort)
        {
            // A real Port holds entities the demo did not create: reconciliation reports them and deletes none.
            overrides[ReconcileOptions.ModeSetting] = "report";
        }

        var settings = CommandSettings.LoadFromEnvironment(context, overrides);
        if (UsesWebhooks(settings))
        {
            // Webhook mode: the integrations come first, since the run needs the ingest URLs they hand out.
            overrides[PortWebhookSettings.Secret] = settings.Configuration[PortWebhookSettings.Secret] ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            settings = CommandSettings.LoadFromEnvironment(context, overrides);
            await context.Out.WriteLineAsync($"{WorkerSettings.UsePortWebhook}=true: entities go through one Port webhook per data set (setup --webhooks first).");
            foreach (var item in await WebhookSetupWorkflow.ExecuteAsync(settings, context, ProductFiles.MappingsDirectory(context.WorkingDirectory), WebhookSetupWorkflow.Secret(settings), dryRun: false, cancellationToken))
            {
                overrides[item.DataSet.UrlSetting] = item.Url;
            }

            settings = CommandSettings.LoadFromEnvironment(context, overrides);
        }

        var target = embedded.Server is null ? $"the Port at {baseSettings.Configuration[PortSettings.BaseUrl]}" : $"the local Port at {embedded.Server.BaseAddress}";
        await context.Out.WriteLineAsync(
            $"Demo: simulated GitHub enterprise '{github.Population.Enterprise}' ({options.Seats:N0} seats) and Microsoft 365 tenant ({options.M365Users:N0} Copilot users) → {target}");

        await context.Out.WriteLineAsync(
            $"GitHub: authenticated as GitHub App {app.AppId} (installation tokens for each organization and the enterprise); {GitHubSettingNames.Token} only for the enterprise seat listing, which GitHub documents for classic PATs only.");

        // Check every setting the run will need before setup changes anything.
        using (var validated = await WorkerHost.StartAsync(settings, WorkerFeatures.All, context, cancellationToken))
        {
            await validated.StopAsync(cancellationToken);
        }

        var setupExit = await SetupWorkflow.ExecuteAsync(settings, context, SetupWorkflow.ProductFolders(context), dryRun: false, cancellationToken);
        if (setupExit != ExitCodes.Success)
        {
            return setupExit;
        }

        // Against a real Port the demo adds its simulated entities and deletes nothing: reconciliation would otherwise
        // remove real entities of the same blueprints that the simulated sources do not return.
        var exitCode = await IngestionWorkflow.RunAsync(
            settings, context, summary, cancellationToken, realPort ? WorkerFeatures.All | WorkerFeatures.KeepExisting : WorkerFeatures.All);
        await PrintCredentialsUsedAsync(context, github);
        exitCode = Math.Max(exitCode, await DiagnoseAsync(context, options, settings, cancellationToken));
        if (embedded.Server is not null)
        {
            await DataLocation.PrintAsync(context, embedded.Server, cancellationToken);
            if (options.Serve)
            {
                await ServeAsync(context, embedded, cancellationToken);
            }
        }

        return exitCode;
    }

    private static bool UsesWebhooks(LoadedSettings settings) =>
        // An invalid value is reported by the settings check that follows.
        settings.Configuration.GetBool(WorkerSettings.UsePortWebhook, false, new List<string>());

    /// <summary>Which credential served which GitHub requests, from what the simulated GitHub saw (no secret is kept there).</summary>
    private static async Task PrintCredentialsUsedAsync(CliContext context, SimulatedGitHub github)
    {
        var requests = github.Requests;
        var minted = github.InstallationTokensMinted.Values.Sum();
        var byInstallation = requests.Count(r => r.Credential == SimulatedCredential.InstallationToken);
        var byPat = requests.Where(r => r.Credential == SimulatedCredential.PersonalToken).ToList();
        var patPaths = byPat.Select(r => r.PathAndQuery.Split('?')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"GitHub App: {minted} installation token(s) minted for {github.InstallationTokensMinted.Count} installation(s), {byInstallation} API requests authenticated with them; {GitHubSettingNames.Token} served {byPat.Count} request(s): {string.Join(", ", patPaths)}."));
    }

    /// <summary><c>demo --doctor</c> and <c>demo --verify</c>: the same checks a production setup gets, against the simulated services.</summary>
    private static async Task<int> DiagnoseAsync(CliContext context, DemoOptions options, LoadedSettings settings, CancellationToken cancellationToken)
    {
        var exitCode = ExitCodes.Success;
        if (options.Doctor)
        {
            await context.Out.WriteLineAsync();
            exitCode = Math.Max(exitCode, await Diagnostics.DoctorWorkflow.RunAsync(settings, context, ProductFiles.BlueprintsDirectory(context.WorkingDirectory), cancellationToken));
        }

        if (options.Verify)
        {
            await context.Out.WriteLineAsync();
            exitCode = Math.Max(exitCode, await Diagnostics.VerifyWorkflow.RunAsync(settings, context, cancellationToken));
        }

        return exitCode;
    }

    private static string RealPortWarning(CliContext context, string portBaseUrl)
    {
        var blueprints = Directory.Exists(ProductFiles.BlueprintsDirectory(context.WorkingDirectory))
            ? string.Join(", ", Directory.EnumerateFiles(ProductFiles.BlueprintsDirectory(context.WorkingDirectory), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
            : "the product's blueprints";
        return $"{PortSettings.BaseUrl} names a real Port ({portBaseUrl.Trim()}). The demo would write simulated data there: it creates or updates the blueprints " +
            $"{blueprints}, and writes entities for a simulated GitHub enterprise and its organizations, seats and users, and a simulated Microsoft 365 " +
            "tenant with its users and trend days. It deletes nothing there. To go ahead, run 'copilot-ingest demo --yes'; to use the embedded local Port " +
            $"instead, unset {PortSettings.BaseUrl} or set it to '{EmbeddedPort.LocalValue}'.";
    }

    private static async Task ServeAsync(CliContext context, EmbeddedPort embedded, CancellationToken cancellationToken)
    {
        var server = embedded.Server!;
        await context.Out.WriteLineAsync($"The local Port stays up at {server.BaseAddress} ({PortSettings.ClientId}={server.ClientId}, secret in {LocalPortCredentials.FileName}).");
        await context.Out.WriteLineAsync($"Dashboard: {server.DashboardAddress(ProductFiles.DefaultDashboardPage)} (open it in a browser; reload to recompute). Ctrl+C stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Out.WriteLineAsync("Stopped.");
        }
    }
}
