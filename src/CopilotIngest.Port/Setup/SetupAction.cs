namespace CopilotIngest.Port.Setup;

/// <summary>What <c>setup</c> does with one blueprint.</summary>
public enum SetupAction
{
    Create,
    Update,
    Unchanged,

    /// <summary>Deleted from Port (a scorecard on a person blueprint in <c>PRIVACY_MODE=aggregate</c>).</summary>
    Remove,
}
