using System.Net;
using System.Net.Sockets;
using Window.Storage;
using Window.Storage.ReadModel;

namespace Window.Host.Hosting;

/// <summary>The two ways Window runs; the same binary, chosen by configuration.</summary>
public enum WindowProfile
{
    /// <summary>One process on one machine: localhost clustering, SQLite in the data folder (the default).</summary>
    Embedded,

    /// <summary>N processes against one PostgreSQL database: ADO.NET clustering, storage and reminders.</summary>
    Cluster,
}

/// <summary>
/// The resolved <c>Window</c> configuration section (appsettings, <c>Window__*</c> environment variables,
/// <c>--Window:*</c> arguments, or a file passed with <c>--config</c>). Defaults make the embedded profile work
/// on a fresh clone with no setting at all.
/// </summary>
public sealed record WindowSettings(
    WindowProfile Profile,
    string DataDirectory,
    string WorkflowsDirectory,
    WindowDatabase Database,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedAddress,
    bool SeedDemoUsers,
    ProjectionCommit ProjectionCommit = ProjectionCommit.Durable)
{
    /// <summary>Where the embedded SQLite file lives inside the data folder.</summary>
    public const string SqliteFileName = "window.db";

    /// <summary>Reads and checks the settings; a wrong value stops the start with a message naming the key.</summary>
    public static WindowSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Window");
        var profile = ParseEnum(section["Profile"], WindowProfile.Embedded, "Window:Profile");
        var dataDirectory = Path.GetFullPath(section["DataDir"] is { Length: > 0 } dir ? dir : Path.Combine(RepositoryOrWorkingDirectory(), "data"));
        var workflowsDirectory = Path.GetFullPath(section["WorkflowsDir"] is { Length: > 0 } workflows ? workflows : DefaultWorkflowsDirectory());
        var provider = ParseEnum(
            section["Database:Provider"],
            profile == WindowProfile.Cluster ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite,
            "Window:Database:Provider");
        var connectionString = section["Database:ConnectionString"];
        var database = provider switch
        {
            DatabaseProvider.Sqlite => WindowDatabase.Sqlite(Path.Combine(dataDirectory, SqliteFileName)),
            _ when string.IsNullOrWhiteSpace(connectionString) => throw new InvalidOperationException(
                "Window:Database:ConnectionString (environment: Window__Database__ConnectionString) is required for PostgreSQL."),
            _ => WindowDatabase.PostgreSql(connectionString),
        };
        if (profile == WindowProfile.Cluster && provider != DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("The cluster profile needs Window:Database:Provider = PostgreSql.");
        }

        var advertised = section["Orleans:AdvertisedAddress"] is { Length: > 0 } address
            ? IPAddress.TryParse(address, out var parsed) ? parsed : throw new InvalidOperationException($"Window:Orleans:AdvertisedAddress '{address}' is not an IP address.")
            : IPAddress.Loopback;

        // Embedded silos talk to nobody but themselves: free ports by default, so two hosts can run side by side.
        var defaultSiloPort = profile == WindowProfile.Embedded ? 0 : 11111;
        var defaultGatewayPort = profile == WindowProfile.Embedded ? 0 : 30000;
        return new WindowSettings(
            profile,
            dataDirectory,
            workflowsDirectory,
            database,
            section["Orleans:ClusterId"] is { Length: > 0 } cluster ? cluster : "window",
            section["Orleans:ServiceId"] is { Length: > 0 } service ? service : "window",
            Port(section["Orleans:SiloPort"], defaultSiloPort, "Window:Orleans:SiloPort"),
            Port(section["Orleans:GatewayPort"], defaultGatewayPort, "Window:Orleans:GatewayPort"),
            advertised,
            DemoUsers(section["DemoUsers"], profile),
            // PostgreSQL may defer projection commits (the durable grain state rebuilds what a database crash loses of
            // them, see ProjectionRepair); durable by default, since on the bench machine deferring gained nothing
            // measurable (its fsync is fast and group commit hides it). SQLite (one file, in process) always commits durably.
            provider == DatabaseProvider.PostgreSql
                ? ParseEnum(section["ReadModel:Commit"], ProjectionCommit.Durable, "Window:ReadModel:Commit")
                : ProjectionCommit.Durable);
    }

    /// <summary>
    /// The repository root when running from a clone (found by its <c>Window.sln</c>), so that <c>dotnet run</c>
    /// from any folder uses the same <c>data/</c>; the working folder otherwise.
    /// </summary>
    private static string RepositoryOrWorkingDirectory() => RepositoryRoot() ?? Directory.GetCurrentDirectory();

    /// <summary>The clone's <c>workflows/</c> (edits take effect at the next start), else the copy beside the binary.</summary>
    private static string DefaultWorkflowsDirectory() =>
        RepositoryRoot() is { } root ? Path.Combine(root, "workflows") : Path.Combine(AppContext.BaseDirectory, "workflows");

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Window.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    // Demo accounts share one published password: fine on a desk to try things, never on a deployment.
    private static bool DemoUsers(string? value, WindowProfile profile)
    {
        var wanted = string.IsNullOrWhiteSpace(value) ? profile == WindowProfile.Embedded
            : bool.TryParse(value, out var parsed) ? parsed
            : throw new InvalidOperationException($"Window:DemoUsers '{value}' is not true or false.");
        if (wanted && profile == WindowProfile.Cluster)
        {
            throw new InvalidOperationException("The cluster profile seeds no demo users: remove Window:DemoUsers and create accounts through /api/admin/users.");
        }

        return wanted;
    }

    private static T ParseEnum<T>(string? value, T fallback, string key) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed
        : throw new InvalidOperationException($"{key} '{value}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.");

    private static int Port(string? value, int fallback, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback == 0 ? FreePort() : fallback;
        }

        if (!int.TryParse(value, out var port) || port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{key} '{value}' is not a port number.");
        }

        return port == 0 ? FreePort() : port;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
