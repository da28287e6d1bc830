namespace CopilotIngest.Core.Privacy;

/// <summary><c>PRIVACY_MODE</c> and <c>PRIVACY_KEY</c>, shared by every source that writes people's names to Port.</summary>
public sealed class PrivacyOptions
{
    public const string ModeSetting = "PRIVACY_MODE";
    public const string KeySetting = "PRIVACY_KEY";

    /// <summary>Shortest key accepted: a short key makes the pseudonyms guessable from a list of logins.</summary>
    public const int MinimumKeyLength = 16;

    public PrivacyMode Mode { get; set; } = PrivacyMode.Plain;

    /// <summary>The HMAC key; never logged.</summary>
    public string? Key { get; set; }

    /// <summary>Problems found while reading the settings, reported by the validator.</summary>
    public IList<string> SettingErrors { get; } = [];
}
