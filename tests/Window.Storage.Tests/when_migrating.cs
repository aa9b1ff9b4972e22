using Microsoft.Extensions.Logging.Abstractions;
using Window.Testing;

namespace Window.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class when_migrating(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_empty_database_gets_every_script_once(DatabaseProvider provider)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? WindowDatabase.Sqlite(Path.Combine(folder.Path, "window.db"))
            : WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());
        var migrator = new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(DatabaseMigrator.Scripts(provider).Count, first.Applied.Count);
        Assert.Empty(second.Applied);
        Assert.Equal(first.Applied.Count, second.AlreadyApplied);
        Assert.Equal(first.Applied.Count, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_schema_migrations"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, new[] { "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey" })]
    [InlineData(DatabaseProvider.PostgreSql, new[]
    {
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey",
        "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    })]
    public async Task the_orleans_providers_find_every_query_they_read(DatabaseProvider provider, string[] keys)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);

        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery";
        var found = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task hosts_starting_together_on_postgres_apply_each_script_once()
    {
        var database = WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());

        var reports = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync()));

        Assert.Equal(DatabaseMigrator.Scripts(DatabaseProvider.PostgreSql).Count, reports.Sum(report => report.Applied.Count));
    }

    [Fact]
    public async Task a_script_changed_after_it_was_applied_is_refused()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.Sqlite, postgres, folder);
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE window_schema_migrations SET checksum = 'edited' WHERE version = 1";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync());

        Assert.Contains("0001_orleans_query was changed after it was applied", error.Message, StringComparison.Ordinal);
    }
}
