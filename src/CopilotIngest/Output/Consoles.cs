using Spectre.Console;

namespace CopilotIngest.Output;

/// <summary>Creates the Spectre console over the command's output writer (plain text when not interactive).</summary>
internal static class Consoles
{
    public static IAnsiConsole Create(TextWriter writer, bool interactive) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
}
