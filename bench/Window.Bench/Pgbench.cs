using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Window.Testing;

namespace Window.Bench;

/// <summary>
/// The physical ceiling: pgbench on the same server doing the durable write a command needs at least once, a
/// versioned upsert of a payload the size of a case's state into a table shaped like <c>window_grain_state</c>.
/// </summary>
internal static partial class Pgbench
{
    public const string Database = "pgbench_ceiling";

    public static async Task PrepareAsync(PostgresServer server)
    {
        var connectionString = await server.RecreateDatabaseAsync(Database);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE TABLE bench_grain_state (grain_id text PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL, modified_at timestamptz NOT NULL DEFAULT now())",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs pgbench at <paramref name="clients"/> for <paramref name="seconds"/> and returns its transactions per second.</summary>
    public static async Task<PgbenchResult> RunAsync(PostgresServer server, int clients, int seconds, int payloadBytes, string outputFolder)
    {
        // Incompressible bytes (as serialized state is), as a hex literal the server decodes once per statement.
        var payload = new byte[payloadBytes];
        new Random(42).NextBytes(payload);
        var script = Path.Combine(outputFolder, "pgbench-upsert.sql");
        await File.WriteAllTextAsync(script, new StringBuilder()
            .AppendLine("\\set id random(1, 100000)")
            .Append("INSERT INTO bench_grain_state (grain_id, payload, version) VALUES ('case-' || :id, '\\x")
            .Append(Convert.ToHexStringLower(payload))
            .AppendLine("'::bytea, 1) ON CONFLICT (grain_id) DO UPDATE SET payload = excluded.payload, version = bench_grain_state.version + 1, modified_at = now();")
            .ToString());
        var output = await PostgresServer.RunToolAsync(Path.Combine(server.BinDirectory, "pgbench"),
        [
            "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n", "-M", "prepared",
            "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-r", "-f", script, Database,
        ]);
        var tps = Tps().Match(output);
        var latency = Latency().Match(output);
        return new PgbenchResult(
            tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            clients,
            payloadBytes);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}

/// <summary>One pgbench run: transactions per second and mean latency.</summary>
internal sealed record PgbenchResult(double Tps, double LatencyMs, int Clients, int PayloadBytes);
