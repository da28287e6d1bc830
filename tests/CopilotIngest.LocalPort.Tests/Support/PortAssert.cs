using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Tests.Support;

internal static class PortAssert
{
    /// <summary>Asserts Port's error shape: exactly <c>{ok:false, error, message}</c>, with the given status and code.</summary>
    public static void Error(int expectedStatus, string expectedCode, int status, JsonObject body, string? messageContains = null)
    {
        Assert.True(expectedStatus == status, $"expected {expectedStatus}, got {status}: {body.ToJsonString()}");
        Assert.Equal(["error", "message", "ok"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal(expectedCode, body["error"]!.GetValue<string>());
        var message = body["message"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        if (messageContains is not null)
        {
            Assert.Contains(messageContains, message, StringComparison.Ordinal);
        }
    }
}
