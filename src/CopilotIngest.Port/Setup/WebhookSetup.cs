using System.Text.Json.Nodes;
using CopilotIngest.Port.Webhooks;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Port.Setup;

/// <summary>One webhook integration <c>setup --webhooks</c> looked at: what it did and the ingest URL to configure.</summary>
/// <param name="Url">The ingest URL Port hands out (null on a dry run of a new integration).</param>
public sealed record WebhookPlanItem(WebhookDataSet DataSet, string Identifier, SetupAction Action, string Reason, string? Url);

/// <summary>
/// Applies <c>configs/mappings/webhook_&lt;data set&gt;.json</c> idempotently through <c>/v1/webhooks</c>: each file is one
/// custom integration; <c>PORT_WEBHOOK_SECRET</c> is added as its <c>security.secret</c> (files never hold it). Missing
/// integrations are created, differing ones replaced whole (their ingest URL stays), equal ones left alone.
/// </summary>
public sealed partial class WebhookSetup(PortClient client, ILogger<WebhookSetup> logger)
{
    public async Task<IReadOnlyList<WebhookPlanItem>> ApplyAsync(string directory, string secret, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var items = new List<WebhookPlanItem>();
        foreach (var dataSet in WebhookDataSet.All)
        {
            var file = Path.Combine(directory, dataSet.MappingFile);
            if (!File.Exists(file))
            {
                throw new InvalidDataException($"{file} is missing: every data set needs its webhook mapping file.");
            }

            var webhook = ConfigFiles.ReadObject(file, "webhook integration");
            var identifier = ConfigFiles.RequiredString(webhook, "identifier", file);
            if (webhook["security"] is not JsonObject security)
            {
                throw new InvalidDataException($"{file}: \"security\" is required (signature header, algorithm, prefix, request identifier path).");
            }

            if (security.ContainsKey("secret"))
            {
                throw new InvalidDataException($"{file}: remove \"security.secret\"; setup takes the secret from {PortWebhookSettings.Secret}.");
            }

            security["secret"] = secret;
            var current = await client.GetWebhookAsync(identifier, cancellationToken);
            var changed = current is null ? [] : JsonSubset.ChangedKeys(webhook, current);
            var (action, reason) = current is null
                ? (SetupAction.Create, "not in Port yet")
                : changed.Count == 0 ? (SetupAction.Unchanged, "matches Port") : (SetupAction.Update, "differs in " + string.Join(", ", changed));
            var url = Url(current);
            if (!dryRun && action != SetupAction.Unchanged)
            {
                LogApplying(action, identifier);
                var saved = action == SetupAction.Create
                    ? await client.CreateWebhookAsync(webhook, cancellationToken)
                    : await client.PutWebhookAsync(identifier, webhook, cancellationToken);
                url = Url(saved) ?? url ?? Url(await client.GetWebhookAsync(identifier, cancellationToken));
            }

            items.Add(new WebhookPlanItem(dataSet, identifier, action, reason, url));
        }

        return items;
    }

    private static string? Url(JsonObject? integration) =>
        integration?["url"] is JsonValue value && value.TryGetValue<string>(out var url) && url.Length > 0 ? url : null;

    [LoggerMessage(EventId = 565, Level = LogLevel.Information, Message = "Webhook {Webhook}: {Action}")]
    private partial void LogApplying(SetupAction action, string webhook);
}
