using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>
/// A scripted Port on 127.0.0.1: answers the token endpoint itself (counting requests, handing out <c>tok-1</c>,
/// <c>tok-2</c>, …) and passes every other request to the test's handler. Records when each request arrived.
/// </summary>
internal sealed class FakePort : IAsyncDisposable
{
    public const string ClientId = "client-id-for-tests";
    public const string ClientSecret = "client-secret-never-shown";

    private readonly ConcurrentQueue<(RecordedRequest Request, TimeSpan At)> _calls = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _tokenRequests;

    private FakePort()
    {
    }

    public ScriptedServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public double ExpiresIn { get; set; } = 10800;

    public string TokenType { get; set; } = "Bearer";

    /// <summary>Replaces the default token answer (e.g. to script 401 or malformed bodies).</summary>
    public Func<HttpContext, RecordedRequest, Task>? TokenHandler { get; set; }

    /// <summary>Every request except token requests, in arrival order, with the time since start.</summary>
    public IReadOnlyList<(RecordedRequest Request, TimeSpan At)> Calls => [.. _calls];

    public IReadOnlyList<RecordedRequest> Requests => [.. _calls.Select(c => c.Request)];

    public static async Task<FakePort> StartAsync(Func<HttpContext, RecordedRequest, Task> api)
    {
        var port = new FakePort();
        port.Server = await ScriptedServer.StartAsync(async (context, request) =>
        {
            if (Bodies.IsToken(request))
            {
                var number = Interlocked.Increment(ref port._tokenRequests);
                if (port.TokenHandler is { } custom)
                {
                    await custom(context, request);
                    return;
                }

                await Respond.Json(context, 200, new JsonObject
                {
                    ["ok"] = true,
                    ["accessToken"] = $"tok-{number}",
                    ["expiresIn"] = port.ExpiresIn,
                    ["tokenType"] = port.TokenType,
                });
                return;
            }

            port._calls.Enqueue((request, port._clock.Elapsed));
            await api(context, request);
        });
        return port;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
