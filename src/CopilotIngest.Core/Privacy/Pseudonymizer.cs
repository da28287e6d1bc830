using System.Security.Cryptography;
using System.Text;

namespace CopilotIngest.Core.Privacy;

/// <summary>
/// Turns a login or UPN into a stable pseudonym (keyed HMAC-SHA256 with <c>PRIVACY_KEY</c>), or leaves it as it
/// is in plain mode. The same key gives the same pseudonym across runs; without the key it cannot be reversed.
/// </summary>
public sealed class Pseudonymizer
{
    private readonly byte[]? _key;

    public Pseudonymizer(PrivacyMode mode, string? key)
    {
        Mode = mode;
        if (mode == PrivacyMode.Pseudonymize)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            _key = Encoding.UTF8.GetBytes(key);
        }
    }

    public static Pseudonymizer Plain { get; } = new(PrivacyMode.Plain, null);

    public PrivacyMode Mode { get; }

    public bool IsActive => Mode == PrivacyMode.Pseudonymize;

    /// <summary>Returns the value unchanged in plain mode, else <c>u-</c> plus 20 hex characters of its keyed hash (case-insensitive input).</summary>
    public string Apply(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_key is null)
        {
            return value;
        }

        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant()));
        return "u-" + Convert.ToHexStringLower(hash, 0, 10);
    }
}
