using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Window.Storage;

/// <summary>The database engines Window runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file in the data folder, one silo.</summary>
    Sqlite,

    /// <summary>Production and clustering.</summary>
    PostgreSql,
}

/// <summary>
/// Where Window keeps its data: the engine and the connection string. Everything that talks to the
/// database (the migrator, Orleans' ADO.NET providers, the read model) is configured from this one value.
/// </summary>
public sealed record WindowDatabase
{
    private WindowDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    /// <summary>The engine.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The normalised connection string (never logged: it may hold a password).</summary>
    public string ConnectionString { get; }

    /// <summary>The ADO.NET invariant name Orleans' providers use to find the driver.</summary>
    /// <remarks>
    /// Orleans names SQLite "System.Data.SQLite" for historical reasons; it resolves to Microsoft.Data.Sqlite's factory.
    /// </remarks>
    public string OrleansInvariant => Provider switch
    {
        DatabaseProvider.Sqlite => "System.Data.SQLite",
        DatabaseProvider.PostgreSql => "Npgsql",
        _ => throw new InvalidOperationException($"Unknown provider {Provider}."),
    };

    /// <summary>A SQLite database in one file; WAL journal and a generous busy timeout for concurrent grains.</summary>
    public static WindowDatabase Sqlite(string path) => new(
        DatabaseProvider.Sqlite,
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());

    /// <summary>
    /// How long a SQLite connection this opens waits in SQLite's own busy handler for another writer's lock (its
    /// <c>DefaultTimeout</c>). Without it, Microsoft.Data.Sqlite retries a busy statement after a fixed 150 ms sleep
    /// on the calling thread; SQLite's handler retries within milliseconds of the lock's release.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>The write buffer of PostgreSQL connections unless the connection string sets one.</summary>
    public const int WriteBufferBytes = 64 * 1024;

    /// <summary>
    /// A PostgreSQL database. The session time zone is pinned to UTC unless the connection string sets one, so
    /// timestamps that Orleans hands over without a kind are never shifted by the server's local zone.
    /// </summary>
    public static WindowDatabase PostgreSql(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Timezone))
        {
            builder.Timezone = "UTC";
        }

        // A case's grain state is ~10-30 KB: with Npgsql's default 8 KB write buffer each write took several send calls.
        if (!builder.ContainsKey("Write Buffer Size"))
        {
            builder.WriteBufferSize = WriteBufferBytes;
        }

        return new(DatabaseProvider.PostgreSql, builder.ConnectionString);
    }

    /// <summary>A short description safe to log: engine and file or host/database, never credentials.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgreSql(new NpgsqlConnectionStringBuilder(ConnectionString)),
    };

    /// <summary>Opens a new connection (pooled by the driver).</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
            _ => new NpgsqlConnection(ConnectionString),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == DatabaseProvider.Sqlite)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string DescribePostgreSql(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
}
