using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CopilotIngest.LocalPortHost;

/// <summary>
/// The local Port's client id and secret, kept beside its database so the demo, <c>local-port</c> and any tool
/// pointed at it keep working across restarts. The file is readable by its owner only.
/// </summary>
internal sealed record LocalPortCredentials(string ClientId, string ClientSecret)
{
    public const string FileName = "local-port-credentials.json";

    public static LocalPortCredentials LoadOrCreate(string dataDirectory)
    {
        LocalPort.Storage.OwnerOnly.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            try
            {
                var existing = JsonSerializer.Deserialize(File.ReadAllText(path), LocalPortCredentialsJsonContext.Default.LocalPortCredentials);
                if (existing is { ClientId.Length: > 0, ClientSecret.Length: > 0 })
                {
                    return existing;
                }
            }
            catch (JsonException)
            {
                // A damaged credentials file is replaced below; the database keeps its data either way.
            }
        }

        var created = new LocalPortCredentials("local-client", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(created, LocalPortCredentialsJsonContext.Default.LocalPortCredentials));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        return created;
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalPortCredentials))]
internal sealed partial class LocalPortCredentialsJsonContext : JsonSerializerContext;
