using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.LocalPort;

/// <summary>How to start a <see cref="LocalPortServer"/>.</summary>
public sealed class LocalPortServerOptions
{
    /// <summary>The SQLite file that holds blueprints, entities, pages and scorecards; created when missing.</summary>
    public required string DatabasePath { get; init; }

    public string ClientId { get; init; } = "local-client";

    /// <summary>The client secret; a random one when not given (read it back from <see cref="LocalPortServer.ClientSecret"/>).</summary>
    public string ClientSecret { get; init; } = CreateSecret();

    /// <summary>The TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long an access token lives (Port: 3 hours).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Requests allowed per <see cref="RateLimitPeriod"/> before 429 (Port's last published Entities API limit).</summary>
    public int RateLimit { get; init; } = 35_000;

    public TimeSpan RateLimitPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a blueprint's relation (or aggregation) must name an existing blueprint (default, as Port's own tools
    /// assume by creating blueprints before their relations). False accepts a relation to a missing blueprint, the
    /// other way Port might behave; a search relation to it then resolves to nothing.
    /// </summary>
    public bool RelationTargetsMustExist { get; init; } = true;

    /// <summary>Where the server logs unexpected errors; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    private static string CreateSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
