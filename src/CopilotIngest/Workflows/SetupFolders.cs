namespace CopilotIngest.Workflows;

/// <summary>The folders <c>setup</c> reads: blueprints, scorecards, dashboard pages.</summary>
internal sealed record SetupFolders(string Blueprints, string Scorecards, string Dashboards);
