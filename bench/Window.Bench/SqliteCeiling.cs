using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Window.Bench;

/// <summary>
/// The embedded profile's physical ceiling (issue 26): one Microsoft.Data.Sqlite connection upserting payloads as large
/// as the mean case state into a table shaped like <c>window_grain_state</c>, one transaction per upsert, in a file on the
/// same file system as the host's, with the host's settings (WAL, SQLite's default <c>synchronous</c>, pooling).
/// </summary>
internal static class SqliteCeiling
{
    public static async Task<CeilingResult> RunAsync(string folder, int payloadBytes, TimeSpan duration)
    {
        var path = Path.Combine(folder, "ceiling.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS bench_grain_state (grain_id TEXT PRIMARY KEY, payload BLOB NOT NULL, version INTEGER NOT NULL, modified_at TEXT NOT NULL)");
        var synchronous = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA synchronous;"), System.Globalization.CultureInfo.InvariantCulture);
        var payload = new byte[payloadBytes];
        new Random(42).NextBytes(payload);
        await using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO bench_grain_state (grain_id, payload, version, modified_at) VALUES ($id, $payload, 1, $at) " +
            "ON CONFLICT (grain_id) DO UPDATE SET payload = excluded.payload, version = bench_grain_state.version + 1, modified_at = excluded.modified_at";
        var id = upsert.Parameters.Add("$id", SqliteType.Text);
        upsert.Parameters.AddWithValue("$payload", payload);
        var at = upsert.Parameters.Add("$at", SqliteType.Text);
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < duration)
        {
            id.Value = "case-" + random.Next(1, 100_000);
            at.Value = DateTimeOffset.UtcNow.ToString("O");
            await upsert.ExecuteNonQueryAsync();
            count++;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        SqliteConnection.ClearPool(connection);
        return new CeilingResult(count / seconds, seconds * 1000 / Math.Max(1, count), payloadBytes, synchronous);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>A ceiling loop's transactions per second and mean milliseconds per transaction.</summary>
internal sealed record CeilingResult(double Tps, double MeanMs, int PayloadBytes, int Synchronous);
