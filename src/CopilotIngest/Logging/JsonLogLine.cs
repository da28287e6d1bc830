using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Logging;

/// <summary>One log record as one line of JSON: timestamp, level, event id, category, message, then extra fields.</summary>
internal static class JsonLogLine
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Create(
        DateTimeOffset timestamp,
        LogLevel level,
        EventId eventId,
        string category,
        string message,
        string? exception,
        IEnumerable<KeyValuePair<string, string?>> fields,
        Action<Utf8JsonWriter>? writeExtra = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("level", level.ToString());
            writer.WriteNumber("event_id", eventId.Id);
            if (!string.IsNullOrEmpty(eventId.Name))
            {
                writer.WriteString("event_name", eventId.Name);
            }

            writer.WriteString("category", category);
            writer.WriteString("message", message);
            if (exception is not null)
            {
                writer.WriteString("exception", exception);
            }

            foreach (var (name, value) in fields)
            {
                if (name is "message" or "timestamp" or "level" or "event_id" or "category" or "exception")
                {
                    continue;
                }

                writer.WriteString(name, value);
            }

            writeExtra?.Invoke(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
