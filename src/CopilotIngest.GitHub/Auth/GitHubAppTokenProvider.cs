using System.Collections.Concurrent;
using System.Security.Cryptography;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Auth;

/// <summary>
/// Installation tokens of the GitHub App, one installation per organization (or <c>GITHUB_APP_INSTALLATION_ID</c> for
/// all of them) and one on the enterprise. Each token is cached until <see cref="GitHubOptions.InstallationTokenRefreshMargin"/>
/// before GitHub's <c>expires_at</c> and then minted again; one mint at a time per installation, however many requests wait.
/// Tokens are opaque: nothing checks their length or shape. Neither tokens nor the JWT are logged.
/// </summary>
public sealed partial class GitHubAppTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<GitHubAppTokenProvider> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, InstallationToken> _tokens = new();
    private readonly Lazy<RSA> _key = new(() => GitHubAppKey.Load(
        options.Value.AppPrivateKey ?? throw new InvalidOperationException($"{GitHubSettingNames.AppPrivateKey} is not set.")));

    /// <summary>The named <see cref="HttpClient"/> the App endpoints are called with.</summary>
    public const string HttpClientName = nameof(GitHubAppClient);

    private GitHubOptions Options => options.Value;

    private GitHubAppClient Client => new(httpClientFactory.CreateClient(HttpClientName), options);

    /// <summary>
    /// The installation serving <paramref name="scope"/> and the permissions GitHub granted its token (minting one when
    /// none is cached), for a settings check to show what the App may read.
    /// </summary>
    public async Task<GitHubAppInstallation> GetInstallationPermissionsAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var token = await GetAsync(scope, cancellationToken);
        return new GitHubAppInstallation(scope, token.InstallationId, token.Permissions, token.ExpiresAt);
    }

    /// <summary>A token for <paramref name="scope"/> valid for at least the refresh margin.</summary>
    internal async Task<string> GetTokenAsync(SeatScope scope, CancellationToken cancellationToken) =>
        (await GetAsync(scope, cancellationToken)).Token;

    /// <summary>Forgets <paramref name="rejected"/> after GitHub answered 401 to it, so the next request mints a new one.</summary>
    internal void Reject(SeatScope scope, string rejected)
    {
        if (_installations.TryGetValue(Key(scope), out var id) && _tokens.TryGetValue(id, out var cached) && cached.Token == rejected)
        {
            _tokens.TryRemove(new KeyValuePair<long, InstallationToken>(id, cached));
            LogRejected(scope, id);
        }
    }

    public void Dispose()
    {
        foreach (var gate in _locks.Values)
        {
            gate.Dispose();
        }

        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private async Task<InstallationToken> GetAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        var installation = await InstallationAsync(scope, cancellationToken);
        if (Fresh(installation) is { } cached)
        {
            return cached;
        }

        var gate = _locks.GetOrAdd("token:" + installation, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(installation) is { } minted)
            {
                return minted;
            }

            var token = await Client.CreateTokenAsync(installation, scope, Jwt(), cancellationToken);
            _tokens[installation] = token;
            LogMinted(installation, scope, token.ExpiresAt);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    private InstallationToken? Fresh(long installation) =>
        _tokens.TryGetValue(installation, out var token) && timeProvider.GetUtcNow() < token.ExpiresAt - Options.InstallationTokenRefreshMargin
            ? token
            : null;

    private async Task<long> InstallationAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        if (scope.Type == SeatScopeType.Organization && Options.AppInstallationId is { } configured)
        {
            _installations[Key(scope)] = configured;
            return configured;
        }

        var key = Key(scope);
        if (_installations.TryGetValue(key, out var known))
        {
            return known;
        }

        var gate = _locks.GetOrAdd("installation:" + key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_installations.TryGetValue(key, out known))
            {
                return known;
            }

            var found = scope.Type == SeatScopeType.Organization
                ? await Client.FindOrganizationInstallationAsync(scope.Slug, Jwt(), cancellationToken)
                : await Client.FindEnterpriseInstallationAsync(scope.Slug, Jwt(), cancellationToken);
            _installations[key] = found;
            LogInstallation(scope, found);
            return found;
        }
        finally
        {
            gate.Release();
        }
    }

    private string Jwt() => GitHubAppJwt.Create(Options.AppId!, _key.Value, timeProvider.GetUtcNow());

    private static string Key(SeatScope scope) => scope.TypeName + ":" + scope.Slug.ToUpperInvariant();

    [LoggerMessage(EventId = 191, Level = LogLevel.Debug, Message = "The GitHub App's installation for {Scope} is {InstallationId}")]
    private partial void LogInstallation(SeatScope scope, long installationId);

    [LoggerMessage(EventId = 192, Level = LogLevel.Debug, Message = "Minted an installation token for installation {InstallationId} ({Scope}), valid until {ExpiresAt:u}")]
    private partial void LogMinted(long installationId, SeatScope scope, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 193, Level = LogLevel.Information, Message = "GitHub rejected the cached installation token of installation {InstallationId} ({Scope}); minting a new one")]
    private partial void LogRejected(SeatScope scope, long installationId);
}
