using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CopilotIngest.LocalPort.Json;

/// <summary>JSON reading and writing with the settings the local Port uses everywhere (UTF-8 left readable, bounded depth).</summary>
internal static class JsonText
{
    public const int MaxDepth = 64;

    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
    };

    public static JsonNodeOptions NodeOptions { get; } = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Bounded depth; duplicate property names rejected (JsonObject would otherwise fail on first use).</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    public static byte[] ToUtf8(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] ToUtf8<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ToText(JsonNode? node) => System.Text.Encoding.UTF8.GetString(ToUtf8(node));

    /// <summary>Parses stored JSON (written by this server, so trusted to be an object).</summary>
    public static JsonObject ParseObject(string text) =>
        JsonNode.Parse(text, NodeOptions, DocumentOptions) as JsonObject
        ?? throw new InvalidDataException("Stored JSON is not an object.");

    public static JsonObject? CloneObject(JsonObject? value) => value?.DeepClone() as JsonObject;
}
