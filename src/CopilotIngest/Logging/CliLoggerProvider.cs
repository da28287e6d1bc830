using System.Globalization;
using CopilotIngest.Core.Redaction;
using CopilotIngest.Hosting;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Logging;

/// <summary>
/// Writes log records to the command's error output, one line each, as text (<c>time level: category[event] message</c>)
/// or as JSON (<c>LOG_FORMAT=json</c>). Every message, field and exception passes the <see cref="SecretRedactor"/> first.
/// </summary>
internal sealed class CliLoggerProvider(TextWriter writer, LogFormat format, LogLevel minimumLevel, TimeProvider timeProvider, SecretRedactor redactor)
    : ILoggerProvider
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new CliLogger(categoryName, this);

    public void Dispose()
    {
    }

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = redactor.Redact(formatter(state, exception));
        var now = timeProvider.GetUtcNow();
        string line;
        if (format == LogFormat.Json)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Where(p => p.Key != "{OriginalFormat}")
                    .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value is null ? null : redactor.Redact(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty)))
                    .ToList()
                : [];
            line = JsonLogLine.Create(now, level, eventId, category, message, exception is null ? null : redactor.Redact(exception.ToString()), fields);
        }
        else
        {
            line = $"{now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {Short(level)}: {category}[{eventId.Id}] {message}";
            if (exception is not null)
            {
                // The stack trace is for whoever debugs (LOG_LEVEL=Debug); otherwise the exception's own words suffice.
                var detail = minimumLevel <= LogLevel.Debug ? exception.ToString() : $"{exception.GetType().Name}: {exception.Message}";
                line += Environment.NewLine + "  " + redactor.Redact(detail).ReplaceLineEndings(Environment.NewLine + "  ");
            }
        }

        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class CliLogger(string category, CliLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
