using CopilotIngest.Hosting;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Logging;

/// <summary>
/// The command's own messages to the user (settings errors, cancellation, where data lives): plain lines, or with
/// <c>LOG_FORMAT=json</c> one JSON object per line shaped like the log records.
/// </summary>
internal static class CliMessages
{
    public const string Category = "CopilotIngest.Cli";

    public static class Events
    {
        public static readonly EventId InvalidSettings = new(910, nameof(InvalidSettings));
        public static readonly EventId Cancelled = new(911, nameof(Cancelled));
        public static readonly EventId ApiFailed = new(912, nameof(ApiFailed));
        public static readonly EventId Unexpected = new(913, nameof(Unexpected));
        public static readonly EventId LocalPortProblem = new(914, nameof(LocalPortProblem));
        public static readonly EventId Notice = new(915, nameof(Notice));
        public static readonly EventId ConfirmationRequired = new(916, nameof(ConfirmationRequired));
        public static readonly EventId RunSummary = new(920, nameof(RunSummary));
        public static readonly EventId DataSetsFailed = new(921, nameof(DataSetsFailed));
        public static readonly EventId SettingsWarning = new(930, nameof(SettingsWarning));
    }

    /// <summary>
    /// Writes <paramref name="message"/> to the error output (standard error), followed by <paramref name="exception"/>
    /// with its stack and inner exceptions when one is given (indented lines, or the JSON line's <c>exception</c> field).
    /// </summary>
    public static Task ErrorAsync(CliContext context, LogLevel level, EventId eventId, string message, Exception? exception = null) =>
        WriteAsync(context, context.Error, level, eventId, message, exception);

    /// <summary>Writes <paramref name="message"/> to the error output now (for code that cannot await).</summary>
    public static void Error(CliContext context, LogLevel level, EventId eventId, string message) =>
        context.Error.WriteLine(context.Output.Json
            ? JsonLogLine.Create(context.TimeProvider.GetUtcNow(), level, eventId, Category, message, null, [])
            : message);

    public static async Task WriteAsync(CliContext context, TextWriter writer, LogLevel level, EventId eventId, string message, Exception? exception = null)
    {
        var detail = exception is null ? null : context.Redactor.Redact(exception.ToString());
        if (!context.Output.Json)
        {
            await writer.WriteLineAsync(detail is null ? message : message + Environment.NewLine + "  " + detail.ReplaceLineEndings(Environment.NewLine + "  "));
            return;
        }

        await writer.WriteLineAsync(JsonLogLine.Create(context.TimeProvider.GetUtcNow(), level, eventId, Category, message, detail, []));
    }
}
