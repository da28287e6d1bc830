using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>Checks one entity property value against its blueprint property definition (type, format, enum, limits, items).</summary>
internal static class PropertyValueValidator
{
    private static readonly TimeSpan s_patternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Adds a problem for each rule <paramref name="value"/> breaks; null values are allowed (required is checked elsewhere).</summary>
    public static void Validate(string path, JsonNode? value, JsonObject definition, Problems problems)
    {
        if (value is null)
        {
            return;
        }

        var type = Problems.IsString(definition["type"], out var declared) ? declared : null;
        if (type is not null && !HasType(value, type))
        {
            problems.Add(path, $"must be of type {type} (got {Problems.Describe(value)})");
            return;
        }

        if (definition["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add(path, "must be equal to one of the allowed values: " + string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null")));
        }

        switch (value)
        {
            case JsonValue when Problems.IsString(value, out var text):
                ValidateString(path, text, definition, problems);
                break;
            case JsonValue when Problems.IsNumber(value, out var number):
                ValidateNumber(path, number, definition, problems);
                break;
            case JsonArray array:
                ValidateArray(path, array, definition, problems);
                break;
        }
    }

    private static bool HasType(JsonNode value, string type) => type switch
    {
        "string" => Problems.IsString(value, out _),
        "number" => Problems.IsNumber(value, out _),
        "boolean" => Problems.IsBoolean(value),
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        _ => true,
    };

    private static void ValidateString(string path, string text, JsonObject definition, Problems problems)
    {
        if (Problems.IsString(definition["format"], out var format) && ValueFormats.Check(format, text) is { } formatProblem)
        {
            problems.Add(path, formatProblem);
        }

        var length = text.EnumerateRunes().Count();
        if (Problems.IsNumber(definition["minLength"], out var minLength) && length < minLength)
        {
            problems.Add(path, $"must NOT have fewer than {Format(minLength)} characters");
        }

        if (Problems.IsNumber(definition["maxLength"], out var maxLength) && length > maxLength)
        {
            problems.Add(path, $"must NOT have more than {Format(maxLength)} characters");
        }

        if (Problems.IsString(definition["pattern"], out var pattern) && !Matches(pattern, text))
        {
            problems.Add(path, $"must match pattern \"{pattern}\"");
        }
    }

    private static void ValidateNumber(string path, double number, JsonObject definition, Problems problems)
    {
        if (Problems.IsNumber(definition["minimum"], out var minimum) && number < minimum)
        {
            problems.Add(path, $"must be >= {Format(minimum)}");
        }

        if (Problems.IsNumber(definition["maximum"], out var maximum) && number > maximum)
        {
            problems.Add(path, $"must be <= {Format(maximum)}");
        }

        if (Problems.IsNumber(definition["exclusiveMinimum"], out var exclusiveMinimum) && number <= exclusiveMinimum)
        {
            problems.Add(path, $"must be > {Format(exclusiveMinimum)}");
        }

        if (Problems.IsNumber(definition["exclusiveMaximum"], out var exclusiveMaximum) && number >= exclusiveMaximum)
        {
            problems.Add(path, $"must be < {Format(exclusiveMaximum)}");
        }
    }

    private static void ValidateArray(string path, JsonArray array, JsonObject definition, Problems problems)
    {
        if (Problems.IsNumber(definition["minItems"], out var minItems) && array.Count < minItems)
        {
            problems.Add(path, $"must NOT have fewer than {Format(minItems)} items");
        }

        if (Problems.IsNumber(definition["maxItems"], out var maxItems) && array.Count > maxItems)
        {
            problems.Add(path, $"must NOT have more than {Format(maxItems)} items");
        }

        if (Problems.IsBoolean(definition["uniqueItems"]) && definition["uniqueItems"]!.GetValue<bool>())
        {
            for (var i = 0; i < array.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                    {
                        problems.Add(path, $"must NOT have duplicate items (items ## {j} and {i} are identical)");
                        return;
                    }
                }
            }
        }

        if (definition["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is null)
                {
                    problems.Add($"{path}/{i}", "must not be null");
                    continue;
                }

                Validate($"{path}/{i}", array[i], items, problems);
            }
        }
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, s_patternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
