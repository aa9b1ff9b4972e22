using Microsoft.Extensions.Logging.Abstractions;
using Window.Testing;

namespace Window.Storage.Tests;

/// <summary>Fresh, migrated databases of either engine for one test.</summary>
internal static class Databases
{
    public static async Task<WindowDatabase> CreateAsync(DatabaseProvider provider, PostgresServer postgres, TempDirectory folder)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? WindowDatabase.Sqlite(Path.Combine(folder.Path, "window.db"))
            : WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return database;
    }

    public static async Task<long> CountAsync(WindowDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
