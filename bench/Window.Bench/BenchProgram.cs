using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Window.Storage;
using Window.Testing;
using Window.Workflows.Catalog;

namespace Window.Bench;

/// <summary>The benchmark's entry point: runs the sections asked for and writes the markdown report.</summary>
internal static class BenchProgram
{
    /// <summary>The durable server's settings beyond the defaults: room for connections and the 1,000,000-case read model, fewer checkpoints.</summary>
    private const string DurableSettings = "shared_buffers=512MB max_connections=300 max_wal_size=4GB checkpoint_timeout=15min";

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync((exception.Message == "usage" ? "" : exception.Message + "\n") + BenchOptions.Usage);
            return 2;
        }

        var root = RepositoryRoot();
        if (options.Documents > 0)
        {
            return await DocumentBench.RunAsync(options.Documents, root, options.Output);
        }

        var catalogDirectory = PrepareCatalog(root);
        var catalog = WorkflowCatalog.Load(catalogDirectory);
        var plan = JourneyPlan.From(catalog);
        var report = new Report(options, args, root);
        var wantsLoad = options.Only.Contains("grains") || options.Only.Contains("http");
        var reuse = options.ReusePostgres is { } kept ? new NpgsqlConnectionStringBuilder(kept) : null;
        var needsPostgres = (options.Only.Contains("queries") && reuse is null) || options.Only.Contains("http")
            || (options.Only.Contains("grains") && options.Stores.Contains(Store.Postgres));
        await using var postgres = needsPostgres ? await PostgresServer.StartDurableAsync(DurableSettings) : null;
        if (postgres is not null)
        {
            postgres.Keep = options.KeepPostgres;
        }

        // The server the queries read: this run's, or the one an earlier --keep-postgres run left seeded.
        Func<string, string>? queryServer = reuse is not null
            ? database => new NpgsqlConnectionStringBuilder(reuse.ConnectionString) { Database = database }.ConnectionString
            : postgres is not null ? postgres.ConnectionString : null;
        if (queryServer is not null)
        {
            report.PostgresVersion = await ScalarAsync(queryServer("postgres"), "SELECT version()");
            report.PostgresSettings = await ScalarAsync(queryServer("postgres"),
                "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','max_wal_size')");
        }

        if (wantsLoad && postgres is not null)
        {
            await Pgbench.PrepareAsync(postgres);
            report.PgbenchBefore = await RunPgbenchAsync(postgres, options, "before");
        }

        if (wantsLoad && options.ProcessWarmup > TimeSpan.Zero)
        {
            // Unmeasured: the first host of a process ran at half the speed and twice the CPU per command of the next one
            // (JIT tiers, caches), whichever configuration it had; every measured run now starts warm.
            var store = postgres is not null ? Store.Postgres : options.Stores[0];
            foreach (var surface in (string[])["grains", "http"])
            {
                if (options.Only.Contains(surface) && (surface == "grains" || postgres is not null))
                {
                    await WarmAsync(options, catalogDirectory, postgres, surface == "http" ? Store.Postgres : store, surface, plan);
                }
            }
        }

        // The comparison runs before the product's runs on odd rounds (--comparison-first), so that neither always has the
        // JIT and the caches warmed by the other.
        var comparison = options.Experiments && options.Only.Contains("grains") && options.Stores.Contains(Store.Postgres) && postgres is not null;
        if (comparison && options.ComparisonFirst)
        {
            await RunLoadAsync(report, options, catalogDirectory, postgres, Store.Postgres, "grains", plan, deferredProjection: true);
        }

        if (options.Only.Contains("grains"))
        {
            foreach (var store in options.Stores)
            {
                await RunLoadAsync(report, options, catalogDirectory, postgres, store, "grains", plan);
            }
        }

        if (comparison && !options.ComparisonFirst)
        {
            await RunLoadAsync(report, options, catalogDirectory, postgres, Store.Postgres, "grains", plan, deferredProjection: true);
        }

        if (options.Only.Contains("http") && postgres is not null)
        {
            await RunLoadAsync(report, options, catalogDirectory, postgres, Store.Postgres, "http", plan);
        }

        if (wantsLoad && postgres is not null)
        {
            report.PgbenchAfter = await RunPgbenchAsync(postgres, options, "after");
            if (report.MeanCaseStateBytes > 0)
            {
                // The issue's "similar payload": the upsert again with a payload as large as the case states just written.
                report.PgbenchStateSized = await RunPgbenchAsync(postgres, options with { PayloadBytes = report.MeanCaseStateBytes }, "after, state-sized payload");
            }
        }

        if (options.Only.Contains("memory"))
        {
            Log($"memory: opening {options.Grains:N0} case grains on discarding storage");
            await using var host = await BenchHost.StartAsync(Store.Discard, catalogDirectory, null, "memory");
            report.Memory = await MemoryProbe.RunAsync(host, plan, options.Grains);
            Log($"memory: {report.Memory.BytesPerGrain:N0} bytes per active case grain ({report.Memory.Activations:N0} activations)");
        }

        if (options.Only.Contains("queries") && queryServer is not null)
        {
            foreach (var cases in options.Cases)
            {
                var name = $"window_queries_{cases}";
                string connectionString;
                if (reuse is not null)
                {
                    Log($"queries: reusing {cases:N0} cases ({name})");
                    connectionString = queryServer(name);
                }
                else
                {
                    Log($"queries: seeding {cases:N0} cases");
                    connectionString = await postgres!.RecreateDatabaseAsync(name);
                }

                var (results, seeding, plans) = await QueryBench.RunAsync(connectionString, reuse is null, catalog, catalogDirectory, cases, options.Queries);
                report.Queries.AddRange(results);
                report.Plans.AddRange(plans);
                if (seeding > TimeSpan.Zero)
                {
                    report.Seeding[cases] = seeding;
                }

                foreach (var result in results)
                {
                    Log($"queries @ {cases:N0}: {result.Query}: p50 {result.P50:N1} ms, p95 {result.P95:N1} ms");
                }
            }
        }

        report.Errors.AddRange(Errors.Drain());
        var path = await report.WriteAsync();
        Log($"report: {path}");
        Console.WriteLine(report.Headline());
        return 0;
    }

    private static async Task RunLoadAsync(Report report, BenchOptions options, string catalogDirectory, PostgresServer? postgres, Store store, string surface, JourneyPlan plan, bool deferredProjection = false)
    {
        var name = $"{surface}/{store.ToString().ToLowerInvariant()}{(deferredProjection ? "+deferred-projection" : "")}";
        var run = $"{surface}_{store}_{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        Log($"{name}: starting the host");
        await using var host = await BenchHost.StartAsync(store, catalogDirectory, postgres, run, deferredProjection);
        IJourney journey = surface == "http" ? await HttpJourney.SignInAsync(host.Address, plan, run) : GrainJourney.For(host, plan, run);
        try
        {
            Timing.Reset();
            Log($"{name}: closed loop, {options.Workers} workers");
            var closed = await LoadGenerator.ClosedAsync(name, journey, options.Workers, options.Warmup, options.Duration);
            report.Loads.Add(closed);
            report.Breakdowns[name] = (Timing.Snapshot(), closed.Commands);
            Log($"{name}: closed {closed.PerSecond:N0} commands/s, p50 {closed.P50:N1} p99 {closed.P99:N1} ms, {closed.CpuMsPerCommand:N2} ms CPU/command, " +
                $"{closed.AllocatedKbPerCommand:N0} KB allocated/command, {closed.GcPauseMsPerCommand:N2} ms GC pause/command, {closed.Errors} errors");
            var rate = Math.Max(1, closed.PerSecond * options.OpenFraction);
            Log($"{name}: open loop at {rate:N0} commands/s");
            var open = await LoadGenerator.OpenAsync(name, journey, rate, options.Warmup, options.Duration);
            report.Loads.Add(open);
            Log($"{name}: open {open.PerSecond:N0} commands/s, p50 {open.P50:N1} p99 {open.P99:N1} ms, {open.Errors} errors");
            if (store == Store.Sqlite && surface == "grains")
            {
                await MeasureSqliteCeilingAsync(report, options, host);
            }

            if (store == Store.Postgres && surface == "grains" && !deferredProjection && postgres is not null)
            {
                report.StateSizes = await ScalarAsync(postgres.ConnectionString(run),
                    "SELECT string_agg(grain_type || ': ' || n || ' rows, mean ' || b || ' B', '; ') FROM (SELECT grain_type, count(*) AS n, round(avg(octet_length(payload))) AS b FROM window_grain_state GROUP BY grain_type ORDER BY count(*) DESC) s");
                report.MeanCaseStateBytes = int.Parse(await ScalarAsync(postgres.ConnectionString(run),
                    "SELECT COALESCE(round(avg(octet_length(payload))), 0)::int FROM window_grain_state WHERE grain_type = 'case'"), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            (journey as IDisposable)?.Dispose();
        }
    }

    private static async Task WarmAsync(BenchOptions options, string catalogDirectory, PostgresServer? postgres, Store store, string surface, JourneyPlan plan)
    {
        var run = $"warm_{surface}_{Guid.NewGuid().ToString("N")[..6]}";
        Log($"warming the process: {surface}/{store.ToString().ToLowerInvariant()} for {options.ProcessWarmup.TotalSeconds:0} s, not measured");
        await using var host = await BenchHost.StartAsync(store, catalogDirectory, postgres, run);
        IJourney journey = surface == "http" ? await HttpJourney.SignInAsync(host.Address, plan, run) : GrainJourney.For(host, plan, run);
        try
        {
            await LoadGenerator.ClosedAsync(run, journey, options.Workers, options.ProcessWarmup, TimeSpan.FromSeconds(1));
        }
        finally
        {
            (journey as IDisposable)?.Dispose();
        }
    }

    private static async Task<PgbenchResult> RunPgbenchAsync(PostgresServer postgres, BenchOptions options, string when)
    {
        var result = await Pgbench.RunAsync(postgres, options.Workers, options.PgbenchSeconds, options.PayloadBytes, Path.GetTempPath());
        Log($"pgbench {when}: {result.Tps:N0} tps at {result.Clients} clients, {result.PayloadBytes:N0} B payload, {result.LatencyMs:N2} ms mean");
        return result;
    }

    /// <summary>
    /// The SQLite run's mean stored case state, and the ceiling loop (<see cref="SqliteCeiling"/>) with payloads that size in
    /// the same data folder, right after the load.
    /// </summary>
    private static async Task MeasureSqliteCeilingAsync(Report report, BenchOptions options, BenchHost host)
    {
        var database = host.Services.GetRequiredService<WindowDatabase>();
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(CAST(round(avg(length(payload))) AS INTEGER), 0), COALESCE(max(length(payload)), 0) FROM window_grain_state WHERE grain_type = 'case'";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            report.SqliteCaseStateBytes = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)!;
        Log($"grains/sqlite: ceiling loop, {report.SqliteCaseStateBytes.Mean:N0}-byte upserts for {options.PgbenchSeconds} s");
        report.SqliteCeiling = await SqliteCeiling.RunAsync(folder, Math.Max(1, report.SqliteCaseStateBytes.Mean), TimeSpan.FromSeconds(options.PgbenchSeconds));
        Log($"grains/sqlite: ceiling {report.SqliteCeiling.Tps:N0} upserts/s, {report.SqliteCeiling.MeanMs:N2} ms each (synchronous={report.SqliteCeiling.Synchronous})");
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The repository's catalogue plus the bench bundle, in a folder of its own.</summary>
    private static string PrepareCatalog(string root)
    {
        var target = Path.Combine(Path.GetTempPath(), "window-bench-workflows");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var source = Path.Combine(root, "workflows");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "Catalog", JourneyPlan.BundleId + ".json"), Path.Combine(target, JourneyPlan.BundleId + ".json"));
        return target;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Window.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from a clone of the repository (no Window.sln above " + AppContext.BaseDirectory + ").");
    }

    public static void Log(string message) =>
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>How long the process has run, for the report.</summary>
    public static TimeSpan Uptime => DateTime.Now - Process.GetCurrentProcess().StartTime;
}
