using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>Checks one property definition of a blueprint schema: type, format, spec, enum, items, limits, pattern, default.</summary>
internal static class PropertyDefinitionValidator
{
    public static void Validate(JsonObject definition, string path, Problems problems)
    {
        var type = CheckType(definition, path, problems, required: true);
        CheckFormat(definition, path, problems);
        if (definition["spec"] is { } spec && (!Problems.IsString(spec, out var s) || !Patterns.Specs.Contains(s)))
        {
            problems.Add(path + "/spec", "must be one of " + string.Join(", ", Patterns.Specs));
        }

        BlueprintValidator.CheckOptionalString(definition, "title", 100, path, problems);
        BlueprintValidator.CheckOptionalString(definition, "description", null, path, problems);
        BlueprintValidator.CheckOptionalString(definition, "icon", null, path, problems);
        CheckEnum(definition, type, path, problems);
        CheckLimits(definition, path, problems);
        if (definition["items"] is { } items)
        {
            if (type != "array")
            {
                problems.Add(path + "/items", "is only allowed when type is array");
            }

            if (items is not JsonObject itemDefinition)
            {
                problems.Add(path + "/items", "must be object");
            }
            else
            {
                var itemType = CheckType(itemDefinition, path + "/items", problems, required: false);
                CheckFormat(itemDefinition, path + "/items", problems);
                CheckEnum(itemDefinition, itemType, path + "/items", problems);
            }
        }

        if (definition["default"] is { } defaultValue && type is not null)
        {
            PropertyValueValidator.Validate(path + "/default", defaultValue, definition, problems);
        }
    }

    private static string? CheckType(JsonObject definition, string path, Problems problems, bool required)
    {
        if (definition["type"] is null)
        {
            if (required)
            {
                problems.Add(path, "must have required property 'type'");
            }

            return null;
        }

        if (!Problems.IsString(definition["type"], out var type) || !Patterns.PropertyTypes.Contains(type))
        {
            problems.Add(path + "/type", "must be equal to one of the allowed values: " + string.Join(", ", Patterns.PropertyTypes));
            return null;
        }

        return type;
    }

    private static void CheckFormat(JsonObject definition, string path, Problems problems)
    {
        if (definition["format"] is { } format && (!Problems.IsString(format, out var f) || !Patterns.PropertyFormats.Contains(f)))
        {
            problems.Add(path + "/format", "must be equal to one of the allowed values: " + string.Join(", ", Patterns.PropertyFormats));
        }
    }

    private static void CheckEnum(JsonObject definition, string? type, string path, Problems problems)
    {
        if (definition["enum"] is { } values)
        {
            if (values is not JsonArray { Count: > 0 } array)
            {
                problems.Add(path + "/enum", "must be a non-empty array");
            }
            else if (type is not null)
            {
                var itemDefinition = new JsonObject { ["type"] = type };
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not null)
                    {
                        PropertyValueValidator.Validate($"{path}/enum/{i}", array[i], itemDefinition, problems);
                    }
                }
            }
        }

        if (definition["enumColors"] is { } colors)
        {
            if (colors is not JsonObject colorMap)
            {
                problems.Add(path + "/enumColors", "must be object");
                return;
            }

            foreach (var (value, color) in colorMap)
            {
                if (!Problems.IsString(color, out var name) || !Patterns.Colors.Contains(name))
                {
                    problems.Add($"{path}/enumColors/{value}", "must be one of " + string.Join(", ", Patterns.Colors));
                }
            }
        }
    }

    private static void CheckLimits(JsonObject definition, string path, Problems problems)
    {
        foreach (var name in new[] { "minLength", "maxLength", "minItems", "maxItems" })
        {
            if (definition[name] is { } limit && (!Problems.IsNumber(limit, out var n) || n < 0 || n != Math.Floor(n)))
            {
                problems.Add($"{path}/{name}", "must be a non-negative integer");
            }
        }

        foreach (var name in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
        {
            if (definition[name] is { } limit && !Problems.IsNumber(limit, out _))
            {
                problems.Add($"{path}/{name}", "must be number");
            }
        }

        if (definition["pattern"] is { } pattern && (!Problems.IsString(pattern, out var text) || !BlueprintValidator.IsValidRegex(text)))
        {
            problems.Add(path + "/pattern", "must be a valid regular expression");
        }
    }
}
