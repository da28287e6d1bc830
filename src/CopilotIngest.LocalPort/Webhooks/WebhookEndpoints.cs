using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Webhooks;

/// <summary>
/// <c>/v1/webhooks</c>: custom integrations (list, create with 409 when taken, get, replace, partial update, delete), answered
/// under <c>integration</c> with the <c>webhookKey</c> and the ingest <c>url</c> (<c>/ingest/{webhookKey}</c> on this server).
/// </summary>
internal sealed class WebhookEndpoints(LocalPortState state)
{
    public const string Kind = "webhook";
    public const string IngestPrefix = "/ingest/";
    private const int MaxIdentifierLength = 30;
    private const int MaxTitleLength = 30;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPort("GET", "/v1/webhooks", ListAsync);
        routes.MapPort("POST", "/v1/webhooks", context => SaveAsync(context, null, partial: false));
        routes.MapPort("GET", "/v1/webhooks/{identifier}", GetAsync);
        routes.MapPort("PUT", "/v1/webhooks/{identifier}", context => SaveAsync(context, RequestValues.Route(context, "identifier"), partial: false));
        routes.MapPort("PATCH", "/v1/webhooks/{identifier}", context => SaveAsync(context, RequestValues.Route(context, "identifier"), partial: true));
        routes.MapPort("DELETE", "/v1/webhooks/{identifier}", DeleteAsync);
    }

    private Task<IResult> ListAsync(HttpContext context) =>
        state.Database.ReadAsync(async session =>
        {
            var all = new JsonArray();
            await foreach (var webhook in DocumentRows.ListAsync(session, Kind, string.Empty, context.RequestAborted))
            {
                all.Add(WithUrl(webhook, context));
            }

            return EndpointSupport.Ok("integrations", all);
        }, context.RequestAborted);

    private Task<IResult> GetAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "identifier");
        return state.Database.ReadAsync(async session =>
            await DocumentRows.GetAsync(session, Kind, string.Empty, identifier, context.RequestAborted) is { } webhook
                ? EndpointSupport.Ok("integration", WithUrl(webhook, context))
                : NotFound(identifier).ToResult(), context.RequestAborted);
    }

    private async Task<IResult> SaveAsync(HttpContext context, string? identifierFromPath, bool partial)
    {
        var (body, error) = await EndpointSupport.ReadObjectAsync(context);
        if (body is null)
        {
            return error!.ToResult();
        }

        foreach (var key in new[] { "webhookKey", "url", "createdAt", "createdBy", "updatedAt", "updatedBy" })
        {
            body.Remove(key);
        }

        return await state.Database.WriteAsync(async session =>
        {
            var identifier = identifierFromPath ?? (Problems.IsString(body["identifier"], out var given) ? given : "webhook_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
            var existing = await DocumentRows.GetAsync(session, Kind, string.Empty, identifier, context.RequestAborted);
            if (identifierFromPath is null && existing is not null)
            {
                return PortError.IdentifierTaken($"A webhook with identifier \"{identifier}\" already exists").ToResult();
            }

            if (identifierFromPath is not null && existing is null)
            {
                return NotFound(identifier).ToResult();
            }

            var document = partial ? Merge(existing!, body) : body;
            document["identifier"] = identifier;
            if (Validate(document) is { } invalid)
            {
                return invalid.ToResult();
            }

            var now = state.Now();
            document["webhookKey"] = existing?["webhookKey"]?.DeepClone() ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            document["createdAt"] = existing?["createdAt"]?.DeepClone() ?? now;
            document["createdBy"] = existing?["createdBy"]?.DeepClone() ?? state.Actor;
            document["updatedAt"] = now;
            document["updatedBy"] = state.Actor;
            await DocumentRows.PutAsync(session, Kind, string.Empty, identifier, document, context.RequestAborted);
            var status = existing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            return EndpointSupport.Json(status, new JsonObject { ["ok"] = true, ["integration"] = WithUrl(document, context) });
        }, context.RequestAborted);
    }

    private Task<IResult> DeleteAsync(HttpContext context)
    {
        var identifier = RequestValues.Route(context, "identifier");
        return state.Database.WriteAsync(async session =>
        {
            if (await DocumentRows.DeleteAsync(session, Kind, string.Empty, identifier, context.RequestAborted) == 0)
            {
                return NotFound(identifier).ToResult();
            }

            await DocumentRows.DeleteAsync(session, WebhookIngest.RequestKind, identifier, null, context.RequestAborted);
            return EndpointSupport.Ok();
        }, context.RequestAborted);
    }

    /// <summary>The ingest URL of a stored webhook, on the host the caller used.</summary>
    public static string IngestUrl(HttpContext context, string webhookKey) =>
        $"{context.Request.Scheme}://{context.Request.Host}{IngestPrefix}{webhookKey}";

    private static JsonObject WithUrl(JsonObject webhook, HttpContext context)
    {
        var copy = (JsonObject)webhook.DeepClone();
        copy["url"] = IngestUrl(context, copy["webhookKey"]?.GetValue<string>() ?? string.Empty);
        return copy;
    }

    private static JsonObject Merge(JsonObject existing, JsonObject patch)
    {
        var merged = (JsonObject)existing.DeepClone();
        foreach (var (key, value) in patch)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    /// <summary>The checks of Port's schema for an integration: identifier and title of at most 30 characters, enabled, mappings with a blueprint, an operation and an entity identifier.</summary>
    private static PortError? Validate(JsonObject webhook)
    {
        var problems = new Problems();
        if (!Problems.IsString(webhook["identifier"], out var identifier) || identifier.Length is 0 or > MaxIdentifierLength)
        {
            problems.Add("body/identifier", $"must be a string of 1 to {MaxIdentifierLength} characters");
        }

        if (!Problems.IsString(webhook["title"], out var title) || title.Length is 0 or > MaxTitleLength)
        {
            problems.Add("body/title", $"must be a string of 1 to {MaxTitleLength} characters");
        }

        if (webhook["enabled"] is not JsonValue enabled || !enabled.TryGetValue<bool>(out _))
        {
            problems.Add("body", "must have required property 'enabled' (boolean)");
        }

        if (webhook["security"] is not null and not JsonObject)
        {
            problems.Add("body/security", "must be object");
        }

        var mappings = webhook["mappings"] as JsonArray ?? [];
        if (webhook["mappings"] is not null and not JsonArray)
        {
            problems.Add("body/mappings", "must be array");
        }

        for (var i = 0; i < mappings.Count; i++)
        {
            var path = $"body/mappings/{i}";
            if (mappings[i] is not JsonObject mapping)
            {
                problems.Add(path, "must be object");
                continue;
            }

            if (!Problems.IsString(mapping["blueprint"], out _))
            {
                problems.Add(path + "/blueprint", "must be string");
            }

            if (WebhookOperation.Parse(mapping["operation"]) is null)
            {
                problems.Add(path + "/operation", "must be \"create\", \"delete\", {\"type\":\"create\"} or {\"type\":\"delete\",\"deleteDependents\":bool}");
            }

            if (mapping["entity"] is not JsonObject entity || !Problems.IsString(entity["identifier"], out _) && entity["identifier"] is not JsonObject)
            {
                problems.Add(path + "/entity/identifier", "is required (a jq expression)");
            }
        }

        return EndpointSupport.Invalid(problems);
    }

    private static PortError NotFound(string identifier) => PortError.NotFound($"Webhook with identifier \"{identifier}\" was not found");
}

/// <summary>A mapping's <c>operation</c>: create (create or update) or delete, with whether dependents go too.</summary>
internal sealed record WebhookOperation(bool IsDelete, bool DeleteDependents)
{
    public static WebhookOperation? Parse(JsonNode? node)
    {
        if (node is null)
        {
            return new WebhookOperation(false, false);
        }

        if (Problems.IsString(node, out var text))
        {
            return text switch
            {
                "create" => new WebhookOperation(false, false),
                "delete" => new WebhookOperation(true, true),
                _ => null,
            };
        }

        if (node is JsonObject operation && Problems.IsString(operation["type"], out var type))
        {
            var dependents = operation["deleteDependents"] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
            return type switch
            {
                "create" => new WebhookOperation(false, false),
                "delete" => new WebhookOperation(true, dependents),
                _ => null,
            };
        }

        return null;
    }
}
