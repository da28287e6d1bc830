using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Calculations;

/// <summary>
/// Port's calculation properties: a jq expression over the entity JSON (<c>.properties.x</c>, <c>.identifier</c>, …)
/// whose result Port shows among the entity's properties. The local Port computes them with the jq binary, one process
/// per property for a whole list of entities, and stores nothing.
/// </summary>
internal static class CalculationProperties
{
    /// <summary>The calculation properties of a stored blueprint: identifier → jq expression.</summary>
    public static IReadOnlyDictionary<string, string> Of(JsonObject blueprint)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (blueprint["calculationProperties"] is JsonObject calculations)
        {
            foreach (var (identifier, definition) in calculations)
            {
                if (Problems.IsString(definition?["calculation"], out var expression) && expression.Length > 0)
                {
                    result[identifier] = expression;
                }
            }
        }

        return result;
    }

    /// <summary>Adds every calculation property of <paramref name="blueprint"/> to each entity's <c>properties</c>.</summary>
    public static async Task ApplyAsync(JsonObject blueprint, IReadOnlyList<JsonObject> entities, CancellationToken cancellationToken)
    {
        foreach (var (identifier, expression) in Of(blueprint))
        {
            var values = await JqProcess.EvaluateAsync(expression, entities, cancellationToken);
            for (var i = 0; i < entities.Count; i++)
            {
                if (entities[i]["properties"] is not JsonObject properties)
                {
                    properties = [];
                    entities[i]["properties"] = properties;
                }

                properties[identifier] = values[i]?.DeepClone();
            }
        }
    }
}
