using System.Net;

namespace CopilotIngest.Core.Http;

/// <summary>
/// The proxy every client uses: the system's (on Linux and macOS <c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>, <c>ALL_PROXY</c>
/// and <c>NO_PROXY</c>, read by .NET), except that loopback addresses are never proxied: the local Port and the
/// simulated services of the demo are reached directly even behind a corporate proxy.
/// </summary>
public sealed class LoopbackBypassProxy(IWebProxy? inner) : IWebProxy
{
    public ICredentials? Credentials
    {
        get => inner?.Credentials;
        set
        {
            if (inner is not null)
            {
                inner.Credentials = value;
            }
        }
    }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : inner?.GetProxy(destination);

    public bool IsBypassed(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return IsLoopback(host) || inner is null || inner.IsBypassed(host);
    }

    private static bool IsLoopback(Uri uri) =>
        BaseUrl.IsLoopback(uri) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
