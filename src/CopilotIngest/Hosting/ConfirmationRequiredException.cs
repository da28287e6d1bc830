namespace CopilotIngest.Hosting;

/// <summary>The command would change something the user did not confirm (e.g. the demo aimed at a real Port without <c>--yes</c>).</summary>
internal sealed class ConfirmationRequiredException(string message) : Exception(message);
