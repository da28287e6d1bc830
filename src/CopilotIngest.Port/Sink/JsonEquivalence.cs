using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Compares JSON the way Port stores it: a missing member equals null, numbers compare by value (1 = 1.0) and two
/// ISO-8601 timestamps naming the same instant are equal (Port may add milliseconds).
/// </summary>
internal static partial class JsonEquivalence
{
    public static bool AreEquivalent(JsonNode? left, JsonNode? right) => Compare(left, right, ignoreEmpty: false);

    /// <summary>
    /// Like <see cref="AreEquivalent"/>, but an empty value (null, false, "", [], {}) equals a missing member on either
    /// side: defaults a server fills in, or leaves out.
    /// </summary>
    public static bool EquivalentIgnoringEmpty(JsonNode? desired, JsonNode? actual) => Compare(desired, actual, ignoreEmpty: true);

    public static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.Null or JsonValueKind.False => true,
            JsonValueKind.String => node.GetValue<string>().Length == 0,
            _ => false,
        },
    };

    private static bool Compare(JsonNode? left, JsonNode? right, bool ignoreEmpty)
    {
        if (IsNull(left))
        {
            return IsNull(right) || (ignoreEmpty && IsEmpty(right));
        }

        if (IsNull(right))
        {
            return ignoreEmpty && IsEmpty(left);
        }

        return left switch
        {
            JsonObject leftObject => right is JsonObject rightObject && CompareObjects(leftObject, rightObject, ignoreEmpty),
            JsonArray leftArray => right is JsonArray rightArray && CompareArrays(leftArray, rightArray, ignoreEmpty),
            JsonValue leftValue => right is JsonValue rightValue && CompareValues(leftValue, rightValue),
            _ => false,
        };
    }

    private static bool CompareObjects(JsonObject left, JsonObject right, bool ignoreEmpty)
    {
        foreach (var (key, value) in left)
        {
            if (!Compare(value, right[key], ignoreEmpty))
            {
                return false;
            }
        }

        foreach (var (key, value) in right)
        {
            if (!left.ContainsKey(key) && !IsNull(value) && !(ignoreEmpty && IsEmpty(value)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CompareArrays(JsonArray left, JsonArray right, bool ignoreEmpty)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!Compare(left[i], right[i], ignoreEmpty))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CompareValues(JsonValue left, JsonValue right)
    {
        var leftKind = left.GetValueKind();
        var rightKind = right.GetValueKind();
        if (leftKind != rightKind)
        {
            return false;
        }

        return leftKind switch
        {
            JsonValueKind.Number => NumbersEqual(left.ToJsonString(), right.ToJsonString()),
            JsonValueKind.String => StringsEqual(left.GetValue<string>(), right.GetValue<string>()),
            _ => true,
        };
    }

    private static bool NumbersEqual(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var leftDecimal)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var rightDecimal))
        {
            return leftDecimal == rightDecimal;
        }

        return double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var leftDouble)
            && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var rightDouble)
            && leftDouble.Equals(rightDouble);
    }

    private static bool StringsEqual(string left, string right) =>
        string.Equals(left, right, StringComparison.Ordinal)
        || (IsoTimestamp().IsMatch(left) && IsoTimestamp().IsMatch(right)
            && DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var leftTime)
            && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rightTime)
            && leftTime == rightTime);

    private static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoTimestamp();
}
