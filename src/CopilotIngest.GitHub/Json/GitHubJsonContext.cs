using System.Text.Json.Serialization;
using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Json;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SeatsPageJson))]
[JsonSerializable(typeof(BillingJson))]
[JsonSerializable(typeof(GitHubErrorJson))]
[JsonSerializable(typeof(ReportLinksJson))]
[JsonSerializable(typeof(UsageDayTotals))]
[JsonSerializable(typeof(UserDayUsage))]
[JsonSerializable(typeof(UserTeamMembership))]
[JsonSerializable(typeof(RepoDayUsage))]
[JsonSerializable(typeof(PullRequestTotals))]
[JsonSerializable(typeof(PremiumRequestUsageJson))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
