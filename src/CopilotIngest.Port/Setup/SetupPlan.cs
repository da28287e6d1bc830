namespace CopilotIngest.Port.Setup;

/// <summary>One blueprint of the plan: its file, what setup does with it, and why (which keys differ).</summary>
public sealed record BlueprintPlanItem(string Identifier, string File, SetupAction Action, string Reason)
{
    public override string ToString() => $"{Action.ToString().ToLowerInvariant(),-9} {Identifier}: {Reason}";
}

/// <summary>What <c>setup</c> does (or, in a dry run, would do) with every blueprint file, in file order.</summary>
public sealed record SetupPlan(IReadOnlyList<BlueprintPlanItem> Blueprints)
{
    public bool HasChanges => Blueprints.Any(b => b.Action != SetupAction.Unchanged);

    public int Count(SetupAction action) => Blueprints.Count(b => b.Action == action);

    /// <summary>One line per blueprint, e.g. <c>create    github_copilot_usage: not in Port yet</c>.</summary>
    public IEnumerable<string> Describe() => Blueprints.Select(b => b.ToString());
}
