using Spectre.Console;

namespace CopilotIngest.Output;

/// <summary>Creates the Spectre console over the command's output writer (plain text when not interactive).</summary>
internal static class Consoles
{
    // Logs and CI pages have no terminal width; wide enough that tables and notes don't wrap mid-word.
    private const int NonInteractiveWidth = 160;

    public static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = NonInteractiveWidth;
        }

        return console;
    }
}
