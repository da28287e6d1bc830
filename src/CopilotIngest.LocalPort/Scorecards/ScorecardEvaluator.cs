using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Scorecards;

/// <summary>
/// An entity's level in a scorecard, as Port computes it: levels are ordered, the first one is where an entity starts
/// (no rule needed); an entity reaches a higher level when it passes every rule of that level and of every level below.
/// A rule passes when its query (<c>{combinator, conditions}</c>) matches the entity.
/// </summary>
internal sealed class ScorecardEvaluator
{
    private readonly IReadOnlyList<string> _levels;
    private readonly IReadOnlyList<(string Level, SearchNode Query)> _rules;
    private readonly SearchEvaluator _evaluator;

    public ScorecardEvaluator(JsonObject scorecard, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var levels = scorecard["levels"] as JsonArray ?? ScorecardValidator.DefaultLevels();
        _levels = [.. levels.Select(level => Problems.IsString(level?["title"], out var title) ? title : string.Empty)];
        var rules = new List<(string, SearchNode)>();
        foreach (var rule in (scorecard["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Problems.IsString(rule["level"], out var level) && rule["query"] is JsonObject query)
            {
                rules.Add((level, ToSearch(query)));
            }
        }

        _rules = rules;
        _evaluator = new SearchEvaluator(now, new Dictionary<RelatedToRule, IReadOnlySet<Storage.EntityKey>>());
    }

    /// <summary>The level titles, lowest first.</summary>
    public IReadOnlyList<string> Levels => _levels;

    /// <summary>The title of the highest level <paramref name="entity"/> reaches.</summary>
    public string LevelOf(JsonObject entity)
    {
        var reached = _levels.Count > 0 ? _levels[0] : string.Empty;
        for (var i = 1; i < _levels.Count; i++)
        {
            var level = _levels[i];
            if (!_rules.Where(rule => rule.Level == level).All(rule => _evaluator.Matches(entity, rule.Query)))
            {
                break;
            }

            reached = level;
        }

        return reached;
    }

    private static SearchGroup ToSearch(JsonObject query)
    {
        var isAnd = !Problems.IsString(query["combinator"], out var combinator) || combinator != "or";
        var conditions = new List<SearchNode>();
        foreach (var condition in (query["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (condition.ContainsKey("combinator"))
            {
                conditions.Add(ToSearch(condition));
            }
            else if (Problems.IsString(condition["property"] ?? condition["relation"], out var property) && Problems.IsString(condition["operator"], out var op))
            {
                conditions.Add(new PropertyRule(property, op, condition["value"]?.DeepClone()));
            }
        }

        return new SearchGroup(isAnd, conditions);
    }
}
