namespace CopilotIngest.LocalPort.Storage;

/// <summary>The <c>settings</c> table: server-wide values that must survive restarts (the token signing key).</summary>
internal static class SettingRows
{
    /// <summary>Returns the stored value of <paramref name="name"/>, storing <paramref name="create"/>'s value first when there is none.</summary>
    public static async Task<string> GetOrAddAsync(DbSession session, string name, Func<string> create, CancellationToken cancellationToken)
    {
        await using (var insert = session.Command("INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$value", create());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = session.Command("SELECT value FROM settings WHERE name = $name");
        select.Parameters.AddWithValue("$name", name);
        return (string)(await select.ExecuteScalarAsync(cancellationToken))!;
    }
}
