namespace CopilotIngest.GitHub.Json;

/// <summary>GitHub's error body: <c>{"message": "...", "documentation_url": "..."}</c>.</summary>
internal sealed record GitHubErrorJson(string? Message, string? DocumentationUrl);
