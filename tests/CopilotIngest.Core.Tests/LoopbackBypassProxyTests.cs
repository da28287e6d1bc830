using System.Net;
using CopilotIngest.Core.Http;

namespace CopilotIngest.Core.Tests;

public sealed class LoopbackBypassProxyTests
{
    private static readonly Uri s_proxy = new("http://proxy.corp.example:3128/");

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/blueprints")]
    [InlineData("https://localhost:8443/")]
    [InlineData("http://[::1]:9000/")]
    [InlineData("http://port.localhost:9000/")]
    public void GetProxy_Loopback_NeverProxied(string url)
    {
        var proxy = new LoopbackBypassProxy(new WebProxy(s_proxy) { BypassProxyOnLocal = false });

        Assert.True(proxy.IsBypassed(new Uri(url)));
        Assert.Null(proxy.GetProxy(new Uri(url)));
    }

    [Fact]
    public void GetProxy_RemoteHost_GoesThroughTheConfiguredProxy()
    {
        var proxy = new LoopbackBypassProxy(new WebProxy(s_proxy, false, ["graph\\.microsoft\\.com"]));

        Assert.Equal(s_proxy, proxy.GetProxy(new Uri("https://api.github.com/orgs/acme")));
        Assert.False(proxy.IsBypassed(new Uri("https://api.getport.io/v1")));
        Assert.True(proxy.IsBypassed(new Uri("https://graph.microsoft.com/v1.0/reports")));
    }

    [Fact]
    public void GetProxy_NoSystemProxy_Direct()
    {
        var proxy = new LoopbackBypassProxy(null);

        Assert.True(proxy.IsBypassed(new Uri("https://api.github.com/")));
        Assert.Null(proxy.GetProxy(new Uri("https://api.github.com/")));
    }
}
