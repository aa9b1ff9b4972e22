using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Window.Host.Sla;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Storage.Sla;
using Window.Testing;

namespace Window.Host.Tests.Sla;

/// <summary>A migrated database of either engine with the read model and SLA store on it, and dispatchers as separate hosts would run them.</summary>
internal sealed class SlaDatabase
{
    private SlaDatabase(WindowDatabase database)
    {
        ReadModel = new SqlReadModel(database);
        Store = new SqlSlaStore(database);
        Database = database;
    }

    public WindowDatabase Database { get; }

    public SqlReadModel ReadModel { get; }

    public SqlSlaStore Store { get; }

    public static async Task<SlaDatabase> CreateAsync(DatabaseProvider provider, PostgresServer postgres, TempDirectory folder)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? WindowDatabase.Sqlite(Path.Combine(folder.Path, "window.db"))
            : WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return new SlaDatabase(database);
    }

    /// <summary>A dispatcher with its own gate: what another silo would run.</summary>
    public EscalationDispatcher Dispatcher(TimeProvider time) => new(
        Store,
        Store,
        new ConfiguredStaffDirectory(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Window:Staff:Supervisors:0"] = "zhao",
            ["Window:Staff:Supervisors:1"] = "qian",
        }).Build()),
        [new InboxNotificationSender(Store, NullLogger<InboxNotificationSender>.Instance)],
        new SlaGate(),
        new SlaOptions(TimeSpan.FromSeconds(30), "Inbox"),
        time,
        new NoLifetime(),
        NullLogger<EscalationDispatcher>.Instance);

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
