using System.Text.Json;
using System.Text.Json.Serialization;

namespace CopilotIngest.M365.Graph;

/// <summary>Graph's error envelope: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
internal sealed record GraphErrorEnvelope(GraphErrorBody? Error);

internal sealed record GraphErrorBody(string? Code, string? Message);

/// <summary>A page of a JSON report: items plus the link to the next page, if any.</summary>
internal sealed record ReportPagePayload(
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink,
    List<JsonElement>? Value);

/// <summary><c>/admin/reportSettings</c>: the bare entity, or (as the documentation shows) wrapped in <c>value</c>.</summary>
internal sealed record ReportSettingsPayload(bool? DisplayConcealedNames, ReportSettingsValue? Value);

internal sealed record ReportSettingsValue(bool? DisplayConcealedNames);

internal sealed record SubscribedSkuPage(
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink,
    List<SubscribedSkuPayload>? Value);

internal sealed record SubscribedSkuPayload(
    string? SkuId,
    string? SkuPartNumber,
    string? CapabilityStatus,
    string? AppliesTo,
    long? ConsumedUnits,
    PrepaidUnitsPayload? PrepaidUnits,
    List<ServicePlanPayload>? ServicePlans);

internal sealed record PrepaidUnitsPayload(long? Enabled, long? Suspended, long? Warning, long? LockedOut);

internal sealed record ServicePlanPayload(string? ServicePlanId, string? ServicePlanName, string? ProvisioningStatus, string? AppliesTo);

internal sealed record OrganizationPage(List<OrganizationPayload>? Value);

internal sealed record OrganizationPayload(string? Id, List<VerifiedDomainPayload>? VerifiedDomains);

internal sealed record VerifiedDomainPayload(string? Name, bool? IsDefault, bool? IsInitial);

/// <summary>GitHub Actions' OIDC token answer: <c>{"value":"&lt;jwt&gt;"}</c>.</summary>
internal sealed record OidcTokenPayload(string? Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true, MaxDepth = 32)]
[JsonSerializable(typeof(GraphErrorEnvelope))]
[JsonSerializable(typeof(ReportPagePayload))]
[JsonSerializable(typeof(ReportSettingsPayload))]
[JsonSerializable(typeof(SubscribedSkuPage))]
[JsonSerializable(typeof(OrganizationPage))]
[JsonSerializable(typeof(OidcTokenPayload))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
