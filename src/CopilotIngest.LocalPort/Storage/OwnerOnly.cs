namespace CopilotIngest.LocalPort.Storage;

/// <summary>Files and folders of the local Port that only their owner may read (0600 / 0700 on Unix).</summary>
public static class OwnerOnly
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700; an existing folder is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows() || Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Creates an empty 0600 file, or takes group and other permissions away from an existing one.</summary>
    public static void CreateOrRestrictFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
            return;
        }

        if ((File.GetUnixFileMode(path) & ~(FileMode | UnixFileMode.UserExecute)) != 0)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
