namespace CopilotIngest.Simulation.GitHub;

/// <summary>What a request to the simulated GitHub authenticated with (never the secret itself).</summary>
public enum SimulatedCredential
{
    /// <summary>No credential, or one the simulation does not know.</summary>
    None,

    /// <summary>The personal access token (<see cref="SimulatedGitHub.Token"/>).</summary>
    PersonalToken,

    /// <summary>The App's JWT (App endpoints only).</summary>
    AppJwt,

    /// <summary>An installation access token, valid when the request was made.</summary>
    InstallationToken,

    /// <summary>An installation access token that had expired or was revoked.</summary>
    ExpiredInstallationToken,
}
