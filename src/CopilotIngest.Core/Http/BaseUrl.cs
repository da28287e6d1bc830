using System.Net;

namespace CopilotIngest.Core.Http;

/// <summary>Rules for configured base URLs: absolute, and HTTPS unless the host is loopback.</summary>
public static class BaseUrl
{
    /// <summary>Returns null when <paramref name="value"/> is acceptable, else a message naming <paramref name="settingName"/>.</summary>
    public static string? Validate(string settingName, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{settingName} is empty.";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{settingName} must be an absolute http(s) URL, got '{value}'.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"{settingName} must use https:// (http:// is accepted for loopback addresses only), got '{value}'.";
        }

        return null;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Parses a validated base URL and makes sure it ends with <c>/</c>, so relative paths append instead of replacing the last segment.</summary>
    public static Uri Parse(string value)
    {
        var text = value.Trim();
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }
}
