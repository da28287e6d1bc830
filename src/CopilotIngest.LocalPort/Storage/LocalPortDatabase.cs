using Microsoft.Data.Sqlite;

namespace CopilotIngest.LocalPort.Storage;

/// <summary>
/// The SQLite file behind the local Port (WAL mode: readers never wait for the writer).
/// Writes go through one gate so concurrent bulk calls queue instead of failing with SQLITE_BUSY.
/// </summary>
internal sealed class LocalPortDatabase : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS blueprints (
            identifier TEXT NOT NULL PRIMARY KEY,
            body TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS entities (
            blueprint TEXT NOT NULL,
            identifier TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (blueprint, identifier)
        );
        CREATE TABLE IF NOT EXISTS entity_relations (
            source_blueprint TEXT NOT NULL,
            source_identifier TEXT NOT NULL,
            relation TEXT NOT NULL,
            target_blueprint TEXT NOT NULL,
            target_identifier TEXT NOT NULL,
            PRIMARY KEY (source_blueprint, source_identifier, relation, target_identifier)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS entity_relations_target ON entity_relations (target_blueprint, target_identifier);
        CREATE TABLE IF NOT EXISTS documents (
            kind TEXT NOT NULL,
            scope TEXT NOT NULL,
            identifier TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (kind, scope, identifier)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS settings (
            name TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Entity rows (about 1 KB of JSON each) live in a rowid table: as a WITHOUT ROWID table, where every row sits in the key's
    /// b-tree, they made inserts and updates about three times slower. Files from before are converted once, when opened.
    /// </summary>
    private const string EntitiesToRowidTable = """
        CREATE TABLE entities_rowid (
            blueprint TEXT NOT NULL,
            identifier TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (blueprint, identifier)
        );
        INSERT INTO entities_rowid (blueprint, identifier, body) SELECT blueprint, identifier, body FROM entities;
        DROP TABLE entities;
        ALTER TABLE entities_rowid RENAME TO entities;
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private LocalPortDatabase(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    public string Path { get; }

    public static async Task<LocalPortDatabase> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            OwnerOnly.CreateDirectory(directory);
        }

        // The file holds user names and e-mail addresses: readable by its owner only (SQLite gives its -wal and -shm
        // files the same permissions).
        OwnerOnly.CreateOrRestrictFile(fullPath);

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var database = new LocalPortDatabase(fullPath, connectionString);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await MigrateEntitiesAsync(connection, cancellationToken);
        return database;
    }

    private static async Task MigrateEntitiesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entities'";
        if (await check.ExecuteScalarAsync(cancellationToken) is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
        {
            await using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = EntitiesToRowidTable;
            await migrate.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, one writer at a time; commits what it wrote unless it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(new DbSession(connection, transaction));
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs read-only <paramref name="work"/> on its own connection.</summary>
    public async Task<T> ReadAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await work(new DbSession(connection, null));
    }

    /// <summary>Closes pooled connections so the file is released (and can be reopened or deleted).</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }
}

/// <summary>An open connection and, for writes, its transaction.</summary>
internal sealed record DbSession(SqliteConnection Connection, SqliteTransaction? Transaction)
{
    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }
}
