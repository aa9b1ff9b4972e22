using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Xunit;

namespace Window.Testing;

/// <summary>
/// A private PostgreSQL server for one test assembly: <c>initdb</c> in a temp folder, <c>pg_ctl start</c> on a free
/// loopback port with its own socket folder, removed on dispose. Nothing depends on a server someone started by
/// hand. PostgreSQL refuses to run as root, so as root the folder is handed to the <c>postgres</c> system user and
/// the binaries run through <c>runuser</c>. Durability settings are relaxed (fsync off): tests want speed, and a
/// crash of the test machine loses nothing worth keeping.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string FolderPrefix = "window-pg-";
    private readonly string root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
    private string binDirectory = "";
    private int databases;

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(root, "data");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        binDirectory = FindBinaries();
        await RemoveAbandonedServersAsync();
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false);
        }

        await RunAsync(Path.Combine(binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asPostgres: true);
        Port = FreePorts.Next();
        await RunAsync(Path.Combine(binDirectory, "pg_ctl"),
        [
            "-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB",
        ], asPostgres: true);
    }

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

    /// <summary>A connection string to a database of this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 100,
    }.ConnectionString;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
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
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
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

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, bool check = true)
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
    }
}
