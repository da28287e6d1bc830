using System.Globalization;
using System.Text.Json;

namespace CopilotIngest.M365.Reports;

/// <summary>
/// Turns the items of a JSON report page into rows. Summary and trend items carry their rows in an array
/// (<c>adoptionByProduct</c>, <c>adoptionByDate</c>): each element becomes a row with the item's own scalars.
/// Other arrays of objects (<c>copilotActivityUserDetailsByPeriod</c>) contribute the scalars of their first element.
/// </summary>
internal static class JsonReportRows
{
    public static IEnumerable<IReportRow> Flatten(JsonElement item, string? rowArray, string location, ReportReadState state)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            state.Malformed(location, $"a JSON {item.ValueKind} where an object was expected");
            return [];
        }

        var parent = new Dictionary<string, string?>(StringComparer.Ordinal);
        JsonElement? rows = null;
        foreach (var property in item.EnumerateObject())
        {
            var key = ColumnKey.Normalize(property.Name);
            if (rowArray is not null && property.NameEquals(rowArray))
            {
                rows = property.Value;
                continue;
            }

            AddValue(parent, key, property.Value);
        }

        if (rowArray is null)
        {
            return [new JsonReportRow(parent, location)];
        }

        if (rows is not { ValueKind: JsonValueKind.Array } array)
        {
            state.Malformed(location, $"no '{rowArray}' array");
            return [];
        }

        var result = new List<IReportRow>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            index++;
            var childLocation = $"{location}, {rowArray}[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                state.Malformed(childLocation, $"a JSON {element.ValueKind} where an object was expected");
                continue;
            }

            var values = new Dictionary<string, string?>(parent, StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                AddValue(values, ColumnKey.Normalize(property.Name), property.Value);
            }

            result.Add(new JsonReportRow(values, childLocation));
        }

        return result;
    }

    private static void AddValue(Dictionary<string, string?> values, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                values[key] = value.GetString();
                break;
            case JsonValueKind.Number:
                values[key] = value.GetRawText();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                values[key] = value.GetBoolean().ToString(CultureInfo.InvariantCulture);
                break;
            case JsonValueKind.Null:
                values[key] = null;
                break;
            case JsonValueKind.Array:
                var first = value.EnumerateArray().FirstOrDefault();
                if (first.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in first.EnumerateObject())
                    {
                        if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                        {
                            AddValue(values, ColumnKey.Normalize(property.Name), property.Value);
                        }
                    }
                }

                break;
        }
    }
}
