namespace CopilotIngest.Hosting;

/// <summary>Settings the command line itself reads (beside the logging ones in <see cref="LogSettings"/>).</summary>
internal static class WorkerSettings
{
    public const string UsePortWebhook = Port.Webhooks.PortWebhookSettings.Use;
}
