using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Tests;

public sealed class ValueFormatsTests
{
    [Theory]
    [InlineData("date-time", "2026-11-25T00:00:00Z", true)]
    [InlineData("date-time", "2026-11-25T00:00:00.123+02:00", true)]
    [InlineData("date-time", "2026-11-25 00:00:00z", true)]
    [InlineData("date-time", "2026-11-25T00:00:00+0200", true)]
    [InlineData("date-time", "2026-11-25T00:00:00-05", true)]
    [InlineData("date-time", "2026-11-25T25:00:00Z", false)]
    [InlineData("date-time", "2026-11-25", false)]
    [InlineData("date-time", "2026-11-25T00:00:00", false)]
    [InlineData("date-time", "2026-13-25T00:00:00Z", false)]
    [InlineData("date-time", "", false)]
    [InlineData("timer", "2026-11-25T00:00:00Z", true)]
    [InlineData("url", "https://github.com/orgs/acme", true)]
    [InlineData("url", "http://127.0.0.1:8080/x?y=1", true)]
    [InlineData("url", "github.com/orgs/acme", false)]
    [InlineData("url", "https://exa mple.com", false)]
    [InlineData("email", "adele.vance@contoso.com", true)]
    [InlineData("email", "adele", false)]
    [InlineData("email", "a@b@c", false)]
    [InlineData("user", "adele@contoso.com", true)]
    [InlineData("ipv4", "10.0.0.1", true)]
    [InlineData("ipv4", "10.0.1", false)]
    [InlineData("ipv4", "::1", false)]
    [InlineData("ipv6", "2001:db8::1", true)]
    [InlineData("ipv6", "10.0.0.1", false)]
    [InlineData("markdown", "anything *goes*", true)]
    public void Check_Value_AcceptsOnlyTheFormat(string format, string value, bool valid)
    {
        var problem = ValueFormats.Check(format, value);

        Assert.Equal(valid, problem is null);
    }
}
