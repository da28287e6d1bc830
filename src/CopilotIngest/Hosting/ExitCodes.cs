namespace CopilotIngest.Hosting;

/// <summary>Process exit codes; documented in docs/09-Validation-and-Guardrails.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int DataSetFailed = 1;
    public const int InvalidSettings = 2;
    public const int Cancelled = 130;
}
