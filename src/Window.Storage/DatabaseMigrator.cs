using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Window.Storage;

/// <summary>One versioned SQL script shipped inside this assembly.</summary>
/// <param name="Version">The number the file name starts with; scripts run in this order.</param>
/// <param name="Name">The file name without the number and extension.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script, to notice a script edited after it was applied.</summary>
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>What a migration run did.</summary>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, int AlreadyApplied);

/// <summary>
/// Applies Window's versioned scripts for one database, idempotently: each script runs once, in its own
/// transaction, recorded in <c>window_schema_migrations</c>. Hosts that start at the same time against one
/// PostgreSQL database serialise on an advisory lock; on SQLite the write lock of <c>BEGIN IMMEDIATE</c> does it.
/// A script changed after it was applied is refused rather than silently skipped.
/// </summary>
public sealed class DatabaseMigrator(WindowDatabase database, ILogger<DatabaseMigrator> logger)
{
    // Any constant works; it only has to be the same for every Window host.
    private const long AdvisoryLockKey = 0x57494E444F57; // "WINDOW"

    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS window_schema_migrations (
            version    integer PRIMARY KEY,
            name       varchar(200) NOT NULL,
            checksum   varchar(64)  NOT NULL,
            applied_at varchar(40)  NOT NULL
        )
        """;

    /// <summary>The scripts shipped for a provider, in order.</summary>
    public static IReadOnlyList<Migration> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var prefix = $"migrations/{provider}/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Parse(assembly, name, prefix))
            .OrderBy(migration => migration.Version)
            .ToList();
        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two {provider} migrations share the version {duplicate.Key}.");
        }

        return scripts;
    }

    /// <summary>Applies every script not yet applied.</summary>
    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var scripts = Scripts(database.Provider);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (queues, dashboards) run while a grain writes; it is a property of the file and
            // cannot be switched inside a transaction, so it is set here, before any script.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        }

        try
        {
            await ExecuteAsync(connection, null, HistoryTable, cancellationToken);
            var applied = new List<Migration>();
            var already = 0;
            foreach (var script in scripts)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var recorded = await RecordedChecksumAsync(connection, transaction, script.Version, cancellationToken);
                if (recorded is not null)
                {
                    if (!string.Equals(recorded, script.Checksum, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            $"Migration {script.Version:D4}_{script.Name} was changed after it was applied to {database.Describe()}. " +
                            "Applied migrations are immutable: add a new migration instead.");
                    }

                    already++;
                    continue;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await RecordAsync(connection, transaction, script, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                applied.Add(script);
                logger.LogInformation("Applied migration {Version:D4}_{Name} to {Database}", script.Version, script.Name, database.Describe());
            }

            return new MigrationReport(applied, already);
        }
        finally
        {
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    private static Migration Parse(Assembly assembly, string resource, string prefix)
    {
        var file = resource[prefix.Length..^".sql".Length];
        var separator = file.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration file '{resource}' must be named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new Migration(version, file[(separator + 1)..], reader.ReadToEnd());
    }

    private static async Task<string?> RecordedChecksumAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT checksum FROM window_schema_migrations WHERE version = {version.ToString(CultureInfo.InvariantCulture)}";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, Migration script, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO window_schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @at)";
        AddParameter(command, "version", script.Version);
        AddParameter(command, "name", script.Name);
        AddParameter(command, "checksum", script.Checksum);
        AddParameter(command, "at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // No command timeout (the token still stops it): a script rewriting a table of tens of millions of rows takes minutes
    // (0028 took 4 min at 10 M cases), and a host waiting for another's migration waits on the advisory lock as long.
    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
