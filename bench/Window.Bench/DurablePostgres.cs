using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Window.Bench;

/// <summary>
/// A private PostgreSQL server with the default durability (fsync and synchronous_commit on, full page writes):
/// the test fixture's approach (initdb and pg_ctl as the postgres user when root, a loopback port and socket folder
/// of its own) without its relaxed settings, because the figures compare durable writes.
/// </summary>
internal sealed class DurablePostgres : IAsyncDisposable
{
    /// <summary>Settings beyond the defaults: room for connections and the 1,000,000-case read model, fewer checkpoints.</summary>
    public const string Settings = "shared_buffers=512MB max_connections=300 max_wal_size=4GB checkpoint_timeout=15min";

    private readonly string root = Path.Combine(Path.GetTempPath(), "window-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private string bin = "";

    public int Port { get; private set; }

    public string BinDirectory => bin;

    private string DataDirectory => Path.Combine(root, "data");

    public static async Task<DurablePostgres> StartAsync()
    {
        var server = new DurablePostgres();
        await server.InitializeAsync();
        return server;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 100,
        CommandTimeout = 300,
    }.ConnectionString;

    /// <summary>Runs a program of the server's bin folder (pgbench, psql) as the current user and returns its output.</summary>
    public static async Task<string> RunToolAsync(string file, IReadOnlyList<string> arguments)
    {
        var (output, error, code) = await RunAsync(file, arguments, asPostgres: false);
        return code == 0 ? output + error : throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {code}: {error}{output}");
    }

    /// <summary>Leaves the server running after the bench (to EXPLAIN its queries by hand); stop it with <c>pg_ctl -D Data stop</c>.</summary>
    public bool Keep { get; set; }

    public string Data => DataDirectory;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            Console.WriteLine($"PostgreSQL kept: psql -h 127.0.0.1 -p {Port} -U postgres; stop: runuser -u postgres -- {Path.Combine(bin, "pg_ctl")} -D {DataDirectory} stop");
            return;
        }

        if (Directory.Exists(DataDirectory))
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], asPostgres: true);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task InitializeAsync()
    {
        bin = Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
            .Select(dir => Path.Combine(dir, "bin"))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException("No PostgreSQL binaries in /usr/lib/postgresql/*/bin.");
        Directory.CreateDirectory(root);
        if (IsRoot)
        {
            await CheckAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false);
        }

        await CheckAsync(Path.Combine(bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], asPostgres: true);
        Port = FreePort();
        var settings = string.Join(' ', Settings.Split(' ').Select(setting => "-c " + setting));
        await CheckAsync(Path.Combine(bin, "pg_ctl"),
        [
            "-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 {settings}",
        ], asPostgres: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task CheckAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var (output, error, code) = await RunAsync(file, arguments, asPostgres);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {code}: {error}{output}");
        }
    }

    private static async Task<(string Output, string Error, int Code)> RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
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
        return (await output, await error, process.ExitCode);
    }
}
