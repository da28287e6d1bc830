namespace CopilotIngest.Port.Setup;

/// <summary>What <c>setup</c> applies, in this order: blueprints, then scorecards (they name blueprint properties), then pages.</summary>
public enum SetupKind
{
    Blueprint,
    Scorecard,
    Page,
}

/// <summary>One blueprint, scorecard or page of the plan: its file, what setup does with it, and why (which keys differ).</summary>
public sealed record BlueprintPlanItem(string Identifier, string File, SetupAction Action, string Reason, SetupKind Kind = SetupKind.Blueprint)
{
    public override string ToString() =>
        Kind == SetupKind.Blueprint
            ? $"{Action.ToString().ToLowerInvariant(),-9} {Identifier}: {Reason}"
            : $"{Action.ToString().ToLowerInvariant(),-9} {Kind.ToString().ToLowerInvariant()} {Identifier}: {Reason}";
}

/// <summary>What <c>setup</c> does (or, in a dry run, would do) with every blueprint, scorecard and page file, in file order.</summary>
public sealed record SetupPlan(IReadOnlyList<BlueprintPlanItem> Blueprints)
{
    public IReadOnlyList<BlueprintPlanItem> Scorecards { get; init; } = [];

    public IReadOnlyList<BlueprintPlanItem> Pages { get; init; } = [];

    /// <summary>Blueprints, then scorecards, then pages.</summary>
    public IEnumerable<BlueprintPlanItem> Items => Blueprints.Concat(Scorecards).Concat(Pages);

    public bool HasChanges => Items.Any(b => b.Action != SetupAction.Unchanged);

    public int Count(SetupAction action) => Items.Count(b => b.Action == action);

    /// <summary>One line per item, e.g. <c>create    github_copilot_usage: not in Port yet</c>.</summary>
    public IEnumerable<string> Describe() => Items.Select(b => b.ToString());
}
