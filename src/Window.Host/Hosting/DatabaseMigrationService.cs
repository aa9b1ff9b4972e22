using Window.Storage;

namespace Window.Host.Hosting;

/// <summary>
/// Brings the database schema up to date before the silo starts: registered ahead of Orleans, so the providers
/// find their tables and <c>OrleansQuery</c> rows when they initialise.
/// </summary>
internal sealed class DatabaseMigrationService(WindowSettings settings, DatabaseMigrator migrator, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Database.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }

        var report = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation(
            "Database {Database}: {Applied} migration(s) applied, {Already} already present",
            settings.Database.Describe(), report.Applied.Count, report.AlreadyApplied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
