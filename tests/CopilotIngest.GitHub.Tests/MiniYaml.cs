using System.Text.Json.Nodes;

namespace CopilotIngest.GitHub.Tests;

/// <summary>
/// Reads the YAML subset the mapping files use: block mappings and sequences by indentation, plain and single-quoted
/// scalars, and folded (<c>&gt;-</c>) blocks whose lines are joined with spaces. Anything else fails loudly.
/// </summary>
internal static class MiniYaml
{
    public static JsonNode Parse(string text)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')
            .Select(l => (Indent: l.Length - l.TrimStart(' ').Length, Content: l.Trim()))
            .Where(l => l.Content.Length > 0 && !l.Content.StartsWith('#'))
            .ToList();
        var index = 0;
        var node = Block(lines, ref index, lines[0].Indent);
        Assert.True(index == lines.Count, $"unparsed YAML from line '{(index < lines.Count ? lines[index].Content : string.Empty)}'");
        return node;
    }

    private static JsonNode Block(List<(int Indent, string Content)> lines, ref int index, int indent)
    {
        if (lines[index].Content.StartsWith("- ", StringComparison.Ordinal))
        {
            var sequence = new JsonArray();
            while (index < lines.Count && lines[index].Indent == indent && lines[index].Content.StartsWith("- ", StringComparison.Ordinal))
            {
                lines[index] = (indent + 2, lines[index].Content[2..].TrimStart());
                sequence.Add(Block(lines, ref index, indent + 2));
            }

            return sequence;
        }

        var mapping = new JsonObject();
        while (index < lines.Count && lines[index].Indent == indent && !lines[index].Content.StartsWith("- ", StringComparison.Ordinal))
        {
            var content = lines[index].Content;
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0 && (colon == content.Length - 1 || content[colon + 1] == ' '), $"not a 'key: value' line: {content}");
            var key = content[..colon];
            var rest = content[(colon + 1)..].Trim();
            index++;
            if (rest.Length == 0)
            {
                Assert.True(index < lines.Count && lines[index].Indent > indent, $"'{key}' has no value");
                mapping[key] = Block(lines, ref index, lines[index].Indent);
            }
            else if (rest == ">-")
            {
                var folded = new List<string>();
                while (index < lines.Count && lines[index].Indent > indent)
                {
                    folded.Add(lines[index++].Content);
                }

                mapping[key] = string.Join(' ', folded);
            }
            else
            {
                mapping[key] = Scalar(rest);
            }
        }

        return mapping;
    }

    private static string Scalar(string text)
    {
        if (text.StartsWith('\''))
        {
            Assert.True(text.Length >= 2 && text.EndsWith('\''), $"unterminated quoted scalar: {text}");
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        Assert.False(text[0] is '"' or '[' or '{' or '|' or '>' or '&' or '*' or '!' or '%' or '@' or '`', $"scalar needs quoting: {text}");
        Assert.DoesNotContain(" #", text, StringComparison.Ordinal);
        return text;
    }
}
