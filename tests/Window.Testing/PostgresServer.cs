using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Xunit;

namespace Window.Testing;

/// <summary>
/// A private PostgreSQL server for one test assembly: <c>initdb</c> in a temp folder, <c>pg_ctl start</c> on a free
/// loopback port with its own socket folder, removed on dispose. Nothing depends on a server someone started by
/// hand. PostgreSQL refuses to run as root, so as root the folder is handed to the <c>postgres</c> system user and
/// the binaries run through <c>runuser</c>. As the tests' fixture its durability settings are relaxed (fsync off):
/// tests want speed, and a crash of the test machine loses nothing worth keeping. The benchmarks start a durable one
/// (<see cref="StartDurableAsync"/>), because their figures compare durable writes.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string FolderPrefix = "window-pg-";
    private const string TestSettings = "fsync=off synchronous_commit=off full_page_writes=off max_connections=1000 shared_buffers=128MB";
    private readonly string root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
    private readonly string settings;
    private readonly bool durable;
    private int databases;

    /// <summary>The tests' fixture: relaxed durability.</summary>
    public PostgresServer()
        : this(TestSettings, durable: false)
    {
    }

    private PostgresServer(string settings, bool durable)
    {
        this.settings = settings;
        this.durable = durable;
    }

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The folder of the server's programs (initdb, pg_ctl, pgbench, psql).</summary>
    public string BinDirectory { get; private set; } = "";

    /// <summary>Leave the server running at dispose (to look at it by hand); the message printed says how to stop it.</summary>
    public bool Keep { get; set; }

    private string DataDirectory => Path.Combine(root, "data");

    /// <summary>
    /// A server with PostgreSQL's default durability (fsync, synchronous_commit and full page writes on) plus
    /// <paramref name="extraSettings"/> (space-separated <c>name=value</c>); its connections allow 300 s per command.
    /// </summary>
    public static async Task<PostgresServer> StartDurableAsync(string extraSettings)
    {
        var server = new PostgresServer(extraSettings, durable: true);
        await server.InitializeAsync();
        return server;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        BinDirectory = FindBinaries();
        await RemoveAbandonedServersAsync();
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false);
        }

        await RunAsync(Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", .. durable ? Array.Empty<string>() : ["--no-sync"]],
            asPostgres: true);
        Port = FreePorts.Next();
        await StartAsync();
    }

    /// <summary>
    /// Crashes the server (<c>pg_ctl stop -m immediate</c>: every process quits at once, nothing is flushed or
    /// checkpointed) and starts it again on the same port, which runs crash recovery. Pooled connections are cleared.
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        await CrashAsync();
        NpgsqlConnection.ClearAllPools();
        await StartAsync();
    }

    /// <summary>
    /// Crashes the server (<c>pg_ctl stop -m immediate</c>) and leaves it down until <see cref="RestartAsync"/>. Unlike
    /// <see cref="CrashAndRestartAsync"/> no pool is cleared: clients find their connections dead, as a host would.
    /// </summary>
    public Task CrashAsync() =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true);

    /// <summary>
    /// Starts the server after <see cref="CrashAsync"/> on the same port (crash recovery runs first). Only the pool of the
    /// maintenance database that <see cref="CreateDatabaseAsync"/> uses is cleared, so that the next test gets a database.
    /// </summary>
    public async Task RestartAsync()
    {
        await StartAsync();
        using var maintenance = new NpgsqlConnection(ConnectionString("postgres"));
        NpgsqlConnection.ClearPool(maintenance);
    }

    private Task<string> StartAsync() => RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
    [
        "-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
        $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 {string.Join(' ', settings.Split(' ').Select(setting => "-c " + setting))}",
    ], asPostgres: true);

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "window")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>Creates the database <paramref name="name"/>, dropping one of that name first, and returns a connection string to it.</summary>
    public async Task<string> RecreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Runs a program of <see cref="BinDirectory"/> (pgbench, psql) as the current user and returns its output.</summary>
    public static Task<string> RunToolAsync(string file, IReadOnlyList<string> arguments) => RunAsync(file, arguments, asPostgres: false);

    /// <summary>A connection string to a database of this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 100,
        CommandTimeout = durable ? 300 : 30,
    }.ConnectionString;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            // Without its owner file the next test run does not take it for an abandoned server.
            File.Delete(Path.Combine(root, "owner.pid"));
            Console.WriteLine($"PostgreSQL kept: psql -h 127.0.0.1 -p {Port} -U postgres; stop: runuser -u postgres -- {Path.Combine(BinDirectory, "pg_ctl")} -D {DataDirectory} stop");
            return;
        }

        if (Directory.Exists(DataDirectory))
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
        }

        TryDelete(root);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("WINDOW_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The PostgreSQL server binaries 'initdb' and 'pg_ctl' were not found in /usr/lib/postgresql/*/bin (or WINDOW_PG_BIN). " +
            "Install them with 'apt-get install -y postgresql' (./test.sh does this when they are missing).");
    }

    // A test run that was killed leaves its server behind; the next run stops it if its owner is gone.
    private async Task RemoveAbandonedServersAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(dir, "owner.pid");
            if (!File.Exists(owner) || !int.TryParse(await File.ReadAllTextAsync(owner), out var pid) || ProcessIsAlive(pid))
            {
                continue;
            }

            var data = Path.Combine(dir, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
            }

            TryDelete(dir);
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, bool check = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres && IsRoot ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && IsRoot)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output + await error;
    }
}
