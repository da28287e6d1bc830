using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using CopilotIngest.Core.Privacy;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Applies <c>configs/dashboards/*.json</c> idempotently: one page per file in the Pages API shape, its GitHub scope
/// filters fitted to the settings (<see cref="DashboardScope"/>). Missing pages are created (<c>POST /v1/pages</c>),
/// differing ones replaced whole (<c>PUT /v1/pages/{id}</c>), equal ones left alone.
/// </summary>
public sealed partial class PageSetup(PortClient client, ILogger<PageSetup> logger)
{
    /// <summary>The page a file describes, fitted to <paramref name="scopeType"/>; what setup sends.</summary>
    public static (string Identifier, JsonObject Page) Read(string file, string scopeType)
    {
        var page = ConfigFiles.ReadObject(file, "page");
        var identifier = ConfigFiles.RequiredString(page, "identifier", file);
        ConfigFiles.RequiredString(page, "title", file);
        if (page["widgets"] is not JsonArray)
        {
            throw new InvalidDataException($"{file}: \"widgets\" is required (an array).");
        }

        DashboardScope.Fit(page["widgets"], scopeType);
        return (identifier, page);
    }

    public async Task<IReadOnlyList<BlueprintPlanItem>> ApplyAsync(string? directory, string scopeType, bool dryRun, IReadOnlySet<string> personBlueprints, CancellationToken cancellationToken)
    {
        var items = new List<BlueprintPlanItem>();
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return items;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var (identifier, page) = Read(file, scopeType);
            var leftOut = personBlueprints.Count > 0 ? PersonWidgets.Remove(page, personBlueprints) : [];
            var aggregateNote = leftOut.Count == 0 ? string.Empty : $"; {leftOut.Count} widget(s) on person blueprints left out ({PrivacyOptions.ModeSetting}=aggregate)";
            if (items.Any(i => i.Identifier == identifier))
            {
                throw new InvalidDataException($"{file}: page '{identifier}' is defined in another file of {directory} too.");
            }

            var current = await client.GetPageAsync(identifier, cancellationToken);
            var changed = current is null ? [] : JsonSubset.ChangedKeys(page, current);
            var item = current is null
                ? new BlueprintPlanItem(identifier, file, SetupAction.Create, $"not in Port yet (GitHub scope_type = {scopeType}){aggregateNote}", SetupKind.Page)
                : changed.Count == 0
                    ? new BlueprintPlanItem(identifier, file, SetupAction.Unchanged, "matches Port" + aggregateNote, SetupKind.Page)
                    : new BlueprintPlanItem(identifier, file, SetupAction.Update, "differs in " + string.Join(", ", changed) + aggregateNote, SetupKind.Page);
            items.Add(item);
            if (dryRun || item.Action == SetupAction.Unchanged)
            {
                continue;
            }

            LogApplying(item.Action, identifier);
            _ = item.Action == SetupAction.Create
                ? await client.CreatePageAsync(page, cancellationToken)
                : await client.PutPageAsync(identifier, page, cancellationToken);
        }

        return items;
    }

    [LoggerMessage(EventId = 547, Level = LogLevel.Information, Message = "Page {Page}: {Action}")]
    private partial void LogApplying(SetupAction action, string page);
}
