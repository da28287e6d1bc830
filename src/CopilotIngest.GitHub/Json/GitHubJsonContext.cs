using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Json;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SeatsPageJson))]
[JsonSerializable(typeof(BillingJson))]
[JsonSerializable(typeof(GitHubErrorJson))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
