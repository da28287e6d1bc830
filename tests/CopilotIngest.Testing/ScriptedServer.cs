using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 whose answers a test scripts request by request: for fault cases
/// (401, 403, 404, 422, 429, 5xx, slow answers, dropped connections) that the simulated services don't produce on their own.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<RecordedRequest> Requests => [.. _requests];

    public static async Task<ScriptedServer> StartAsync(Func<HttpContext, RecordedRequest, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedServer(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            server._requests.Enqueue(recorded);
            await handler(context, recorded);
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>Closes the connection without an answer, as a crashed proxy would.</summary>
    public static void Drop(HttpContext context) => context.Abort();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the scripted server received.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
