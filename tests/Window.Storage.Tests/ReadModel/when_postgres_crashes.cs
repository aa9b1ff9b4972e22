using Microsoft.Extensions.Logging.Abstractions;
using Window.Storage.ReadModel;
using Window.Testing;

namespace Window.Storage.Tests.ReadModel;

/// <summary>
/// Deferred projection commits rely on this: the recovery marker (a row of an unlogged table) survives while the server
/// runs and is gone after crash recovery. A server of its own, since crashing the shared one would break other tests.
/// </summary>
public sealed class when_postgres_crashes : IAsyncLifetime
{
    private readonly PostgresServer server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task the_recovery_marker_is_gone_after_crash_recovery_and_only_then()
    {
        // The tests' server defers every commit, and a crash would lose the migration itself: durable commits here.
        var database = WindowDatabase.PostgreSql(new Npgsql.NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync())
        {
            Options = "-c synchronous_commit=on",
        }.ConnectionString);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var lag = new ProjectionLag(database);

        Assert.True(await lag.MarkRecoveryAsync());
        Assert.False(await lag.MarkRecoveryAsync());

        await server.CrashAndRestartAsync();

        Assert.True(await lag.MarkRecoveryAsync());
        Assert.False(await lag.MarkRecoveryAsync());
    }

    [Fact]
    public async Task sqlite_never_reports_a_recovery_since_it_commits_projections_durably()
    {
        using var folder = new TempDirectory();
        var database = WindowDatabase.Sqlite(Path.Combine(folder.Path, "window.db"));
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();

        Assert.False(await new ProjectionLag(database).MarkRecoveryAsync());
    }
}
