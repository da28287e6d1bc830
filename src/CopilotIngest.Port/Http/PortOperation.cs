namespace CopilotIngest.Port.Http;

/// <summary>What a call was for, in words a user understands (used in error messages), and the blueprint it concerns.</summary>
internal sealed record PortOperation(string Description, string? Blueprint = null)
{
    public override string ToString() => Description;
}
