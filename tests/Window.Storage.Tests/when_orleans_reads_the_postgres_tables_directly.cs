using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Window.Testing;

namespace Window.Storage.Tests;

/// <summary>The membership and reminder queries against the providers' own table interfaces.</summary>
[Collection(PostgresCollection.Name)]
public sealed class when_orleans_reads_the_postgres_tables_directly(PostgresServer postgres) : IAsyncLifetime
{
    private IHost silo = null!;

    public async Task InitializeAsync()
    {
        var database = WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());
        await new DatabaseMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        silo = await TestSilos.StartAsync(database, adoNetClustering: true);
    }

    public Task DisposeAsync() => silo.StopAndDisposeAsync();

    [Fact]
    public async Task a_membership_insert_with_a_stale_table_version_is_refused()
    {
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var snapshot = await table.ReadAllAsync();
        var first = Entry(40001);
        var second = Entry(40002);

        Assert.True(await table.InsertRowAsync(first, snapshot.Version.Next()));
        Assert.False(await table.InsertRowAsync(second, snapshot.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Contains(after.Members, member => member.Item1.SiloAddress.Equals(first.SiloAddress));
        Assert.DoesNotContain(after.Members, member => member.Item1.SiloAddress.Equals(second.SiloAddress));
        Assert.Equal(snapshot.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task a_membership_update_with_a_stale_table_version_is_refused()
    {
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var entry = Entry(40003);
        var snapshot = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(entry, snapshot.Version.Next()));
        var current = await table.ReadRowAsync(entry.SiloAddress);
        var (stored, etag) = Assert.Single(current.Members);

        stored.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(stored, etag, current.Version.Next()));
        stored.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(stored, etag, current.Version.Next()));

        var after = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task reminders_upsert_read_by_grain_and_ring_range_and_delete_by_etag()
    {
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("sla-watch", "case-1");
        var start = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

        var firstEtag = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "deadline", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        var secondEtag = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "deadline", StartAt = start.AddHours(1), Period = TimeSpan.FromMinutes(5) });
        var read = await table.ReadRow(grain, "deadline");
        var byGrain = await table.ReadRows(grain);
        var hash = grain.GetUniformHashCode();
        var byRange = await table.ReadRows(hash - 1, hash);
        var wrapped = await table.ReadRows(hash, hash - 1);

        Assert.NotEqual(firstEtag, secondEtag);
        Assert.NotNull(read);
        Assert.Equal(start.AddHours(1), read.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Single(byGrain.Reminders);
        Assert.Single(byRange.Reminders);
        Assert.Empty(wrapped.Reminders);
        Assert.False(await table.RemoveRow(grain, "deadline", firstEtag!));
        Assert.True(await table.RemoveRow(grain, "deadline", secondEtag!));
        Assert.Null(await table.ReadRow(grain, "deadline"));
    }

    private static MembershipEntry Entry(int port) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "test",
        Status = SiloStatus.Joining,
        ProxyPort = port + 1,
        StartTime = DateTime.UtcNow,
        IAmAliveTime = DateTime.UtcNow,
    };
}
