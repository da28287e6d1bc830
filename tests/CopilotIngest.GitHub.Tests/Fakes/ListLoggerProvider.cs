using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.GitHub.Tests.Fakes;

/// <summary>Keeps every log message (formatted, with its exception) for "nothing secret in the logs" checks.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public string AllText() => string.Join('\n', _messages);

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class ListLogger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception)}");
        }
    }
}
