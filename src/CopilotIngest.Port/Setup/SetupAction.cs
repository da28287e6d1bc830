namespace CopilotIngest.Port.Setup;

/// <summary>What <c>setup</c> does with one blueprint.</summary>
public enum SetupAction
{
    Create,
    Update,
    Unchanged,
}
