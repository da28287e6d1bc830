using System.Reflection;
using CopilotIngest.Commands;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// Operators filter and alert on event ids (<c>LOG_FORMAT=json</c> writes <c>event_id</c>), so across the whole product
/// one id means one message: every <c>[LoggerMessage]</c> method and every <see cref="EventId"/> a type keeps in a
/// static field (the command line's own messages) has an explicit id of its own, in the range of its library.
/// </summary>
public sealed class EventIdTests
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>
    /// Each library's event ids (CONTRIBUTING.md lists them). The end of a run is 900–999: Core's 900 (a data set failed),
    /// then the command line's own messages.
    /// </summary>
    private static readonly Dictionary<string, (int First, int Last)[]> s_ranges = new(StringComparer.Ordinal)
    {
        ["CopilotIngest.Core"] = [(1, 99), (900, 900)],
        ["CopilotIngest.GitHub"] = [(100, 199)],
        ["CopilotIngest.M365"] = [(200, 399)],
        ["CopilotIngest.Port"] = [(500, 599)],
        ["CopilotIngest.LocalPort"] = [(600, 699)],
        ["CopilotIngest.Simulation"] = [(700, 799)],
        ["copilot-ingest"] = [(910, 999)],
    };

    [Fact]
    public void ProductAssemblies_FromTheCommandLine_AreEveryLibrary()
    {
        var names = ProductAssemblies().Select(a => a.GetName().Name!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(s_ranges.Keys.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void EventIds_AcrossTheProduct_EachIdMeansOneMessage()
    {
        var events = ProductEvents().ToList();
        Assert.Contains(events, e => e.Where.StartsWith("CopilotIngest.Port.", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Where.StartsWith("CopilotIngest.GitHub.", StringComparison.Ordinal));

        var collisions = events
            .Where(e => e.Id > 0)
            .GroupBy(e => e.Id)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key)
            .Select(g => $"event id {g.Key} is used by {string.Join(" and ", g.Select(e => $"{e.Where} (\"{e.Message}\")"))}")
            .ToList();

        Assert.True(collisions.Count == 0, $"{collisions.Count} event id(s) used by more than one message:\n{string.Join('\n', collisions)}");
    }

    [Fact]
    public void EventIds_AcrossTheProduct_AreExplicit()
    {
        var missing = ProductEvents()
            .Where(e => e.Id <= 0)
            .Select(e => $"{e.Where} (\"{e.Message}\") has event id {e.Id}")
            .ToList();

        Assert.True(missing.Count == 0, $"messages without an explicit event id:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void EventIds_AcrossTheProduct_LieInTheirLibrarysRange()
    {
        var outside = ProductEvents()
            .Where(e => !s_ranges[e.Assembly].Any(r => e.Id >= r.First && e.Id <= r.Last))
            .Select(e => $"{e.Where} (\"{e.Message}\") has event id {e.Id}, outside {e.Assembly}'s {string.Join(", ", s_ranges[e.Assembly].Select(r => $"{r.First}-{r.Last}"))}")
            .ToList();

        Assert.True(outside.Count == 0, $"event ids outside their library's range:\n{string.Join('\n', outside)}");
    }

    /// <summary>The product's assemblies: the command line and every library it uses, directly or through another.</summary>
    private static List<Assembly> ProductAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(CliApplication).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsProduct(reference.Name) && !found.ContainsKey(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return [.. found.Values];
    }

    private static bool IsProduct(string? name) =>
        name is not null && (name == "copilot-ingest" || name.StartsWith("CopilotIngest.", StringComparison.Ordinal));

    private static IEnumerable<LogEvent> ProductEvents()
    {
        foreach (var type in ProductAssemblies().SelectMany(a => a.GetTypes()))
        {
            var assembly = type.Assembly.GetName().Name!;
            foreach (var method in type.GetMethods(Declared))
            {
                if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } attribute)
                {
                    yield return new LogEvent(assembly, attribute.EventId, $"{type.FullName}.{method.Name}", attribute.Message);
                }
            }

            foreach (var field in type.GetFields(Declared).Where(f => f.IsStatic && f.FieldType == typeof(EventId)))
            {
                var id = (EventId)field.GetValue(null)!;
                yield return new LogEvent(assembly, id.Id, $"{type.FullName}.{field.Name}", id.Name ?? field.Name);
            }
        }
    }

    private sealed record LogEvent(string Assembly, int Id, string Where, string Message);
}
