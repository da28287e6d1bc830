using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Calculations;
using CopilotIngest.LocalPort.Entities;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Json;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Webhooks;

/// <summary>
/// <c>POST /ingest/{webhookKey}</c>, the ingest URL a webhook integration hands out (no bearer token: the signature is the
/// credential). At most 512 KiB (413); a bad signature gets 401 and nothing is stored; a request id (the integration's
/// <c>requestIdentifierPath</c>) seen before is dropped; a disabled integration drops everything. Each mapping runs with
/// the jq binary (the engine of the calculation properties) and its entities are validated and upserted
/// (<c>upsert=true&amp;merge=true</c>) or deleted exactly as the Entities API does. Port answers 202 and processes later,
/// reporting mapping errors only in its audit log; the local Port processes before answering, and answers 422 naming
/// every item that failed (the others are stored), so a mapping error is never silent.
/// </summary>
internal sealed class WebhookIngest(LocalPortState state)
{
    public const string RequestKind = "webhook_request";
    public const int MaxBytes = 512 * 1024;
    private const int MaxErrorsNamed = 10;

    public void Map(IEndpointRouteBuilder routes) => routes.MapPort("POST", WebhookEndpoints.IngestPrefix + "{webhookKey}", IngestAsync);

    public static bool IsIngestPath(PathString path) => path.StartsWithSegments(WebhookEndpoints.IngestPrefix.TrimEnd('/'), StringComparison.Ordinal);

    private async Task<IResult> IngestAsync(HttpContext context)
    {
        var key = RequestValues.Route(context, "webhookKey");
        var raw = await ReadCappedAsync(context);
        if (raw is null)
        {
            return new PortError(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"Webhook payloads are limited to {MaxBytes / 1024} KiB").ToResult();
        }

        var webhook = await FindAsync(key, context.RequestAborted);
        if (webhook is null)
        {
            return PortError.NotFound("No webhook has this ingest URL").ToResult();
        }

        if (!WebhookSignature.IsValid(webhook["security"] as JsonObject, context.Request.Headers, raw))
        {
            return PortError.Unauthorized("The webhook signature does not match the integration's secret; nothing was processed.").ToResult();
        }

        if (webhook["enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var isEnabled) && !isEnabled)
        {
            return Accepted("the integration is disabled; the request was dropped");
        }

        JsonNode? body;
        try
        {
            body = raw.Length == 0 ? null : JsonNode.Parse(raw, JsonText.NodeOptions, JsonText.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return PortError.BadRequest("Body is not valid JSON: " + ex.Message).ToResult();
        }

        var request = new JsonObject { ["body"] = body, ["headers"] = Headers(context), ["queryParams"] = Query(context) };
        var identifier = webhook["identifier"]!.GetValue<string>();
        var requestId = await RequestIdAsync(webhook, request, context.RequestAborted);
        var mapped = await MapAsync(webhook, request, context.RequestAborted);
        return await state.Database.WriteAsync(async session =>
        {
            if (requestId is not null)
            {
                if (await DocumentRows.GetAsync(session, RequestKind, identifier, requestId, context.RequestAborted) is not null)
                {
                    return Accepted("this request id was processed before; the request was dropped");
                }

                await DocumentRows.PutAsync(session, RequestKind, identifier, requestId, new JsonObject { ["at"] = state.Now() }, context.RequestAborted);
            }

            var errors = new List<string>(mapped.Errors);
            await ApplyAsync(session, mapped.Results, errors, context.RequestAborted);
            return errors.Count == 0
                ? Accepted(null)
                : new PortError(
                    StatusCodes.Status422UnprocessableEntity,
                    "webhook_mapping_failed",
                    $"{errors.Count} item(s) of this webhook request were not processed (the others were): " + string.Join("; ", errors.Take(MaxErrorsNamed))
                    + (errors.Count > MaxErrorsNamed ? $"; and {errors.Count - MaxErrorsNamed} more" : string.Empty)).ToResult();
        }, context.RequestAborted);
    }

    private async Task<JsonObject?> FindAsync(string key, CancellationToken cancellationToken) =>
        await state.Database.ReadAsync(async session =>
        {
            await foreach (var webhook in DocumentRows.ListAsync(session, WebhookEndpoints.Kind, string.Empty, cancellationToken))
            {
                if (webhook["webhookKey"] is JsonValue value && value.TryGetValue<string>(out var stored) && string.Equals(stored, key, StringComparison.Ordinal))
                {
                    return webhook;
                }
            }

            return null;
        }, cancellationToken);

    private static async Task<string?> RequestIdAsync(JsonObject webhook, JsonObject request, CancellationToken cancellationToken)
    {
        if (webhook["security"]?["requestIdentifierPath"] is not JsonValue path || !path.TryGetValue<string>(out var expression) || expression.Trim().Length == 0)
        {
            return null;
        }

        var values = await JqProcess.EvaluateAsync(expression, [request], cancellationToken);
        return values[0] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var other => other.ToJsonString(),
        };
    }

    /// <summary>Runs every mapping over the request: the entities to write or delete, per mapping, and the errors of the items that failed.</summary>
    private static async Task<(List<MappedItems> Results, List<string> Errors)> MapAsync(JsonObject webhook, JsonObject request, CancellationToken cancellationToken)
    {
        var results = new List<MappedItems>();
        var errors = new List<string>();
        var mappings = webhook["mappings"] as JsonArray ?? [];
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = (JsonObject)mappings[i]!;
            var operation = WebhookOperation.Parse(mapping["operation"])!;
            var blueprint = mapping["blueprint"]!.GetValue<string>();
            var label = $"mapping {i} ({blueprint})";
            JsonNode? output;
            try
            {
                output = (await JqProcess.EvaluateAsync(WebhookMappingProgram.Build(mapping, operation.IsDelete), [request], cancellationToken))[0];
            }
            catch (JqUnavailableException ex)
            {
                errors.Add($"{label}: {ex.Message}");
                continue;
            }

            if (output is JsonObject failed)
            {
                errors.Add($"{label}: {failed["error"]}");
                continue;
            }

            var items = output as JsonArray ?? [];
            if (items.Count > WebhookMappingProgram.MaxItems)
            {
                errors.Add($"{label}: more than {WebhookMappingProgram.MaxItems} items in one request; Port ignores the rest, so only the first {WebhookMappingProgram.MaxItems} were processed");
                items.RemoveAt(items.Count - 1);
            }

            var entities = new List<(int Index, JsonNode? Entity)>();
            for (var j = 0; j < items.Count; j++)
            {
                if (items[j]?["e"] is { } error)
                {
                    errors.Add($"{label} item {j}: {error}");
                }
                else
                {
                    entities.Add((j, items[j]?["v"]));
                }
            }

            results.Add(new MappedItems(label, blueprint, operation, entities));
        }

        return (results, errors);
    }

    private async Task ApplyAsync(DbSession session, List<MappedItems> results, List<string> errors, CancellationToken cancellationToken)
    {
        foreach (var mapped in results)
        {
            var stored = await BlueprintRows.GetAsync(session, mapped.Blueprint, cancellationToken);
            if (stored is null)
            {
                errors.Add($"{mapped.Label}: blueprint \"{mapped.Blueprint}\" does not exist");
                continue;
            }

            var blueprint = BlueprintDefinition.From(stored);
            if (mapped.Operation.IsDelete)
            {
                var identifiers = mapped.Entities.Select(e => e.Entity?["identifier"]).OfType<JsonValue>()
                    .Select(v => v.TryGetValue<string>(out var id) ? id : null).OfType<string>().ToList();
                var (_, failure) = await state.Deleter().DeleteAsync(session, mapped.Blueprint, identifiers, mapped.Operation.DeleteDependents, false, cancellationToken);
                if (failure is not null)
                {
                    errors.Add($"{mapped.Label}: {failure.Message}");
                }

                continue;
            }

            var writer = state.Writer();
            var options = new EntityWriteOptions(Upsert: true, Merge: true, CreateMissingRelated: false, ValidationOnly: false);
            foreach (var (index, entity) in mapped.Entities)
            {
                if (entity?["identifier"] is not JsonValue id || !id.TryGetValue<string>(out var text) || text.Length == 0)
                {
                    errors.Add($"{mapped.Label} item {index}: the identifier expression gave {entity?["identifier"]?.ToJsonString() ?? "null"}, not an identifier");
                    continue;
                }

                var problems = new Problems();
                if (EntityInput.Parse(entity, $"{mapped.Label} item {index}", null, problems) is not { } input)
                {
                    errors.Add(problems.ToString());
                    continue;
                }

                var result = await writer.WriteAsync(session, blueprint, input, options, cancellationToken);
                if (result.Error is { } failure)
                {
                    errors.Add($"{mapped.Label} item {index} ({input.Identifier}): {failure.Message}");
                }
            }
        }
    }

    private static IResult Accepted(string? note)
    {
        var body = new JsonObject { ["ok"] = true };
        if (note is not null)
        {
            body["message"] = note;
        }

        return EndpointSupport.Json(StatusCodes.Status202Accepted, body);
    }

    private static JsonObject Headers(HttpContext context)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name.ToLowerInvariant()] = values.ToString();
        }

        return headers;
    }

    private static JsonObject Query(HttpContext context)
    {
        var query = new JsonObject();
        foreach (var (name, values) in context.Request.Query)
        {
            query[name] = values.ToString();
        }

        return query;
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record MappedItems(string Label, string Blueprint, WebhookOperation Operation, List<(int Index, JsonNode? Entity)> Entities);
}
