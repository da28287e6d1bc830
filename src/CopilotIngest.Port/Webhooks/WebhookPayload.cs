using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CopilotIngest.Port.Webhooks;

/// <summary>
/// The body the worker posts to a data set's webhook: <c>{"blueprint":…,"dataSet":…,"operation":"upsert"|"delete","items":[…]}</c>.
/// An upsert item is the entity exactly as the Entities API path sends it (identifier, title, properties, relations); a
/// delete item is <c>{"identifier":…}</c>. The mapping files in <c>configs/mappings/webhook_*.json</c> read this shape.
/// </summary>
internal static class WebhookPayload
{
    public const string Upsert = "upsert";
    public const string Delete = "delete";

    /// <summary>The header carrying <c>sha256=</c> + lowercase hex HMAC-SHA256 of the body (the mappings' <c>security.signatureHeaderName</c>).</summary>
    public const string SignatureHeader = "x-copilot-ingest-signature-256";

    public const string SignaturePrefix = "sha256=";

    /// <summary>The header carrying a unique id per payload (the mappings' <c>security.requestIdentifierPath</c>); Port drops a repeated one.</summary>
    public const string RequestIdHeader = "x-copilot-ingest-request-id";

    private const string Suffix = "]}";

    /// <summary>The bytes of the body before the first item.</summary>
    public static byte[] Prefix(string blueprint, string dataSet, string operation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("blueprint", blueprint);
            writer.WriteString("dataSet", dataSet);
            writer.WriteString("operation", operation);
            writer.WritePropertyName("items");
            writer.WriteStartArray();
            writer.Flush();
        }

        // The writer has emitted '{…,"items":[' and nothing else.
        return buffer.ToArray();
    }

    /// <summary>Body size for <paramref name="count"/> items of <paramref name="itemBytes"/> bytes in total.</summary>
    public static long BodySize(int prefixLength, long itemBytes, int count) => prefixLength + itemBytes + Math.Max(0, count - 1) + Suffix.Length;

    public static byte[] Build(byte[] prefix, IReadOnlyList<byte[]> items)
    {
        var size = BodySize(prefix.Length, items.Sum(i => (long)i.Length), items.Count);
        var body = new byte[size];
        var at = 0;
        prefix.CopyTo(body, at);
        at += prefix.Length;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            items[i].CopyTo(body, at);
            at += items[i].Length;
        }

        Encoding.ASCII.GetBytes(Suffix).CopyTo(body, at);
        return body;
    }

    /// <summary>A delete item: <c>{"identifier":"…"}</c>.</summary>
    public static byte[] DeleteItem(string identifier)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("identifier", identifier);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><c>sha256=</c> + lowercase hex HMAC-SHA256 of exactly <paramref name="body"/>, keyed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static string Sign(string secret, byte[] body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
