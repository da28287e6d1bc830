using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Webhooks;

/// <summary>Reports every problem of the webhook settings at once, each naming its environment variable.</summary>
internal sealed class PortWebhookOptionsValidator : IValidateOptions<PortWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, PortWebhookOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            errors.Add($"{PortWebhookSettings.Secret} is required with {PortWebhookSettings.Use}=true: the secret Port checks each webhook request's signature with (the one `copilot-ingest setup --webhooks` configured).");
        }
        else if (options.Secret.Length < PortWebhookSettings.MinimumSecretLength)
        {
            errors.Add($"{PortWebhookSettings.Secret} must be at least {PortWebhookSettings.MinimumSecretLength} characters long (e.g. `openssl rand -hex 32`).");
        }

        foreach (var dataSet in WebhookDataSet.All.Where(d => options.EnabledDataSets.Contains(d.Name)))
        {
            var url = options.Urls.GetValueOrDefault(dataSet.Name);
            if (string.IsNullOrWhiteSpace(url))
            {
                errors.Add($"{dataSet.UrlSetting} is required with {PortWebhookSettings.Use}=true because data set {dataSet.Name} is enabled: the ingest URL `copilot-ingest setup --webhooks` prints for it.");
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                errors.Add($"{dataSet.UrlSetting} must be an absolute http(s) URL (e.g. https://ingest.getport.io/<key>), got '{url}'.");
            }
            else if (uri.Scheme == "http" && !uri.IsLoopback)
            {
                errors.Add($"{dataSet.UrlSetting} must use https (plain http is only accepted for a local Port on loopback).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
