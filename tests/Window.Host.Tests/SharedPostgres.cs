using Window.Testing;

namespace Window.Host.Tests;

/// <summary>
/// One private PostgreSQL server for the whole test assembly, handed to every class that asks for it as a class fixture.
/// A collection fixture would do the same with one server, but it puts its classes in one collection, and xunit runs a
/// collection's classes one after another: most of this assembly's classes use PostgreSQL, so the assembly ran serially.
/// As a class fixture the classes run in parallel on the one server (each test makes its own database). The server stops
/// when the test process exits (a killed run's server is removed by the next one). A test that crashes its server takes
/// a server of its own (<see cref="PostgresCollection"/>).
/// </summary>
public sealed class SharedPostgres : IAsyncLifetime
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private PostgresServer? server;

    /// <summary>The assembly's server.</summary>
    public PostgresServer Server => server ?? throw new InvalidOperationException("The shared PostgreSQL server is not started yet.");

    /// <summary>The shared server where a test helper takes a <see cref="PostgresServer"/>.</summary>
    public static implicit operator PostgresServer(SharedPostgres shared) => shared?.Server!;

    /// <inheritdoc cref="PostgresServer.CreateDatabaseAsync"/>
    public Task<string> CreateDatabaseAsync(string prefix = "window") => Server.CreateDatabaseAsync(prefix);

    /// <inheritdoc />
    public async Task InitializeAsync() => server = await Shared.Value;

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<PostgresServer> StartAsync()
    {
        var started = new PostgresServer();
        await started.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.DisposeAsync().GetAwaiter().GetResult();
        return started;
    }
}
