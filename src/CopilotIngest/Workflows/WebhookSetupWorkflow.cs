using CopilotIngest.Hosting;
using CopilotIngest.Port.Setup;
using CopilotIngest.Port.Webhooks;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CopilotIngest.Workflows;

/// <summary><c>setup --webhooks</c> (and the demo in webhook mode): one Port webhook integration per data set.</summary>
internal static class WebhookSetupWorkflow
{
    /// <summary><c>PORT_WEBHOOK_SECRET</c>, checked before anything changes in Port: a <see cref="SettingsException"/> when it is missing or short.</summary>
    public static string Secret(LoadedSettings settings)
    {
        var secret = settings.Configuration[PortWebhookSettings.Secret]?.Trim();
        var problems = new List<string>();
        if (string.IsNullOrEmpty(secret))
        {
            problems.Add($"{PortWebhookSettings.Secret} is required for setup --webhooks: the secret Port checks each webhook request's signature with (e.g. `openssl rand -hex 32`); the worker signs with the same value.");
        }
        else if (secret.Length < PortWebhookSettings.MinimumSecretLength)
        {
            problems.Add($"{PortWebhookSettings.Secret} must be at least {PortWebhookSettings.MinimumSecretLength} characters long (e.g. `openssl rand -hex 32`).");
        }

        return problems.Count == 0 ? secret! : throw new SettingsException(problems);
    }

    /// <summary>Creates or updates the webhook integrations and prints each data set's <c>PORT_WEBHOOK_URL_*</c> line (never the secret).</summary>
    public static async Task<IReadOnlyList<WebhookPlanItem>> ExecuteAsync(LoadedSettings settings, CliContext context, string directory, string secret, bool dryRun, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.Port, context, cancellationToken);
        var items = await host.Services.GetRequiredService<WebhookSetup>().ApplyAsync(directory, secret, dryRun, cancellationToken);
        var console = Output.Consoles.Create(context.Out, context.Interactive);
        var table = new Table().Border(TableBorder.Rounded).Title(dryRun ? "[bold]Webhooks plan (dry run: nothing changed)[/]" : "[bold]Webhooks[/]");
        table.AddColumns("Data set", "Integration", "Action", "Why");
        foreach (var item in items)
        {
            table.AddRow(item.DataSet.Name, Markup.Escape(item.Identifier), item.Action.ToString().ToLowerInvariant(), Markup.Escape(item.Reason));
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{items.Count(i => i.Action == SetupAction.Create)} to create, {items.Count(i => i.Action == SetupAction.Update)} to update, {items.Count(i => i.Action == SetupAction.Unchanged)} unchanged{(dryRun ? " (dry run)" : string.Empty)}.");
        console.WriteLine($"Add to .env (with {PortWebhookSettings.Use}=true and the same {PortWebhookSettings.Secret}); only the enabled data sets need theirs:");
        foreach (var item in items)
        {
            // Plain lines (no markup, no wrapping) so they can be pasted as they are.
            context.Out.WriteLine($"{item.DataSet.UrlSetting}={item.Url ?? "(created on the real run)"}");
        }

        await host.StopAsync(cancellationToken);
        return items;
    }
}
