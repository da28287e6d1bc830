using System.CommandLine;
using CopilotIngest.Hosting;

namespace CopilotIngest.Commands;

/// <summary>The commands beside <c>run</c>.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [SetupCommand.Create(context), DemoCommand.Create(context), LocalPortCommand.Create(context), DashboardCommand.Create(context), DoctorCommand.Create(context), VerifyCommand.Create(context)];
}
