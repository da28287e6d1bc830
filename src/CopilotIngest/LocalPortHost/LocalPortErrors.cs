using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace CopilotIngest.LocalPortHost;

/// <summary>Turns a failure to start the local Port into a message that names the file, folder or port and the fix.</summary>
internal static class LocalPortErrors
{
    // SQLite result codes (https://sqlite.org/rescode.html), primary codes only.
    private const int SqlitePermission = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteNotADatabase = 26;

    private const string ChooseAnother = $"or choose another folder with --data-dir or {LocalPortDataDirectory.Setting}";

    public static LocalPortException? Translate(Exception exception, string dataDirectory, string databasePath, int listenPort)
    {
        return exception switch
        {
            SqliteException { SqliteErrorCode: var code } sqlite when (code & 0xFF) is SqliteCorrupt or SqliteNotADatabase =>
                new LocalPortException($"The local Port's database {databasePath} is damaged or is not a local Port database (SQLite: {sqlite.Message}). Move it aside (for example rename it to {Path.GetFileName(databasePath)}.broken) and run again to start with an empty local Port, {ChooseAnother}.", exception),
            SqliteException { SqliteErrorCode: var code } sqlite when (code & 0xFF) is SqliteReadOnly or SqlitePermission or SqliteCannotOpen =>
                new LocalPortException($"The local Port's database {databasePath} cannot be opened for writing (SQLite: {sqlite.Message}). Make the file and the folder {dataDirectory} writable by this user, {ChooseAnother}.", exception),
            SqliteException { SqliteErrorCode: var code } sqlite when (code & 0xFF) is SqliteFull or SqliteIoError =>
                new LocalPortException($"The local Port could not write its database {databasePath} (SQLite: {sqlite.Message}). Check the free space and the disk of {dataDirectory}, {ChooseAnother}.", exception),
            _ when IsAddressInUse(exception) =>
                new LocalPortException($"Port {listenPort} on 127.0.0.1 is already in use, so the local Port cannot listen there. Stop whatever listens on it, or choose another with --listen-port (0 picks a free port).", exception),
            UnauthorizedAccessException or IOException =>
                new LocalPortException($"The local Port's data folder {dataDirectory} cannot be created or written ({exception.Message}). Make it a writable folder, {ChooseAnother}.", exception),
            _ => null,
        };
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || current.GetType().Name == "AddressInUseException")
            {
                return true;
            }
        }

        return false;
    }
}
