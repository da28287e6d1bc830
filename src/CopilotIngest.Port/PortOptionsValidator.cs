using System.Security.Cryptography;
using CopilotIngest.Core.Http;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port;

/// <summary>Reports every problem of the Port settings at once, each naming its environment variable.</summary>
internal sealed class PortOptionsValidator : IValidateOptions<PortOptions>
{
    public ValidateOptionsResult Validate(string? name, PortOptions options)
    {
        var errors = new List<string>(options.SettingErrors);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{PortSettings.ClientId} is required: the client id of a Port API credential (in Port: the ... menu → Credentials).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add($"{PortSettings.ClientSecret} is required (or {PortSettings.ClientSecret}_FILE naming a file that holds it).");
        }

        if (BaseUrl.Validate(PortSettings.BaseUrl, options.BaseUrl) is { } urlError)
        {
            errors.Add(urlError);
        }
        else if (BaseUrl.Parse(options.BaseUrl).AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{PortSettings.BaseUrl} must be the API root without /v1 (e.g. {PortOptions.DefaultBaseUrl}), got '{options.BaseUrl}'.");
        }

        if (options.MaxConcurrency is < 1 or > PortSettings.MaxConcurrencyLimit)
        {
            errors.Add($"{PortSettings.MaxConcurrency} must be a whole number from 1 to {PortSettings.MaxConcurrencyLimit}, got '{options.MaxConcurrency}'.");
        }

        if (options.ExtraCaCertificatePath is { } pem && LoadError(pem) is { } pemError)
        {
            errors.Add(pemError);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Distinct(StringComparer.Ordinal));
    }

    private static string? LoadError(string path)
    {
        if (!File.Exists(path))
        {
            return $"{PortSettings.ExtraCaCert} names '{path}', which does not exist.";
        }

        try
        {
            return ExtraCaCertificate.Load(path) is { Count: > 0 } ? null : $"{PortSettings.ExtraCaCert} file '{path}' holds no PEM certificate.";
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"{PortSettings.ExtraCaCert} file '{path}' is not a readable PEM certificate file: {ex.Message}";
        }
    }
}
