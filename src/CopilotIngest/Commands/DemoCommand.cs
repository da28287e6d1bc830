using System.CommandLine;
using CopilotIngest.Demo;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Port;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest demo</c>: the whole pipeline against simulated GitHub and Microsoft 365 tenants and the local Port.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "demo",
            "Run setup and ingestion against a simulated GitHub enterprise and Microsoft 365 tenant, into the embedded local Port " +
            $"(or into the Port named by {PortSettings.BaseUrl} when it is set to a URL). Needs no configuration.");
        var dataDir = CommonOptions.DataDir();
        var seats = PositiveInt("--seats", "Copilot seats in the simulated GitHub enterprise.", 500, 100_000);
        var m365Users = PositiveInt("--m365-users", "Licensed users in the simulated Microsoft 365 tenant.", 2_000, 100_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated data (same seed, same data).", DefaultValueFactory = _ => 42 };
        var serve = new Option<bool>("--serve") { Description = "Keep the local Port running afterwards (until Ctrl+C) to explore the data." };
        var yes = new Option<bool>("--yes") { Description = $"Confirm writing the simulated data into the Port named by {PortSettings.BaseUrl} (a real Port). Nothing there is deleted." };
        var summaryJson = CommonOptions.SummaryJson();
        var doctor = new Option<bool>("--doctor") { Description = "After the ingestion, run 'doctor' against the simulated services and the local Port." };
        var verify = new Option<bool>("--verify") { Description = "After the ingestion, run 'verify' against the simulated services and the local Port." };
        command.Options.Add(doctor);
        command.Options.Add(verify);
        command.Options.Add(dataDir);
        command.Options.Add(seats);
        command.Options.Add(m365Users);
        command.Options.Add(seed);
        command.Options.Add(serve);
        command.Options.Add(yes);
        command.Options.Add(summaryJson);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var summary = new Output.SummaryTarget(parseResult.GetValue(summaryJson), context);
            return CommandGuard.RunAsync(
                context,
                () => DemoRunner.RunAsync(
                    context,
                    new DemoOptions(
                        LocalPortDataDirectory.Resolve(context, parseResult.GetValue(dataDir)),
                        parseResult.GetValue(seats),
                        parseResult.GetValue(m365Users),
                        parseResult.GetValue(seed),
                        parseResult.GetValue(serve),
                        parseResult.GetValue(doctor),
                        parseResult.GetValue(verify)) { Confirmed = parseResult.GetValue(yes) },
                    summary,
                    cancellationToken),
                cancellationToken,
                summary);
        });
        return command;
    }

    private static Option<int> PositiveInt(string name, string description, int defaultValue, int max)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "count" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 1 || value > max)
            {
                result.AddError($"{name} must be from 1 to {max}.");
            }
        });
        return option;
    }
}
