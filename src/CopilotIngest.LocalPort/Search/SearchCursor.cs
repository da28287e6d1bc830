using System.Buffers.Text;
using System.Text.Json;
using CopilotIngest.LocalPort.Json;

namespace CopilotIngest.LocalPort.Search;

/// <summary>The opaque <c>next</c>/<c>from</c> cursor of a paged search: the last identifier returned, base64url-encoded JSON.</summary>
internal static class SearchCursor
{
    public static string Encode(string lastIdentifier) =>
        Base64Url.EncodeToString(JsonText.ToUtf8(new SearchCursorState(lastIdentifier), LocalPortJsonContext.Default.SearchCursorState));

    public static bool TryDecode(string cursor, out string after)
    {
        after = string.Empty;
        try
        {
            var state = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(cursor), LocalPortJsonContext.Default.SearchCursorState);
            if (state?.After is not { Length: > 0 } value)
            {
                return false;
            }

            after = value;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }
}
