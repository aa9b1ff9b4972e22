using Orleans.Storage;
using Window.Contracts;
using Window.Grains;
using Window.Testing;

namespace Window.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class when_storing_grain_state(PostgresServer postgres) : IDisposable
{
    private const string GrainType = "case-numbers";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_grains_state_survives_a_silo_restart(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var silo = await TestSilos.StartAsync(database);
        var before = silo.Grains().GetGrain<ICaseNumberGrain>("2026");
        Assert.Equal("RC-2026-000001", await before.NextAsync());
        Assert.Equal("RC-2026-000002", await before.NextAsync());
        await silo.StopAndDisposeAsync();

        var restarted = await TestSilos.StartAsync(database);
        var after = restarted.Grains().GetGrain<ICaseNumberGrain>("2026");
        var last = await after.LastAsync();
        var next = await after.NextAsync();
        await restarted.StopAndDisposeAsync();

        Assert.Equal("RC-2026-000002", last);
        Assert.Equal("RC-2026-000003", next);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task written_state_reads_back_with_its_etag_and_clears(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var silo = await TestSilos.StartAsync(database);
        var storage = silo.Storage();
        var id = GrainId.Create(GrainType, "2031");
        try
        {
            var written = State(41, etag: null);
            await storage.WriteStateAsync(GrainType, id, written);
            var read = State(0, etag: null);
            await storage.ReadStateAsync(GrainType, id, read);

            Assert.Equal(41, read.State!.Last);
            Assert.Equal(written.ETag, read.ETag);
            Assert.True(read.RecordExists);

            await storage.ClearStateAsync(GrainType, id, read);
            var cleared = State(0, etag: null);
            await storage.ReadStateAsync(GrainType, id, cleared);
            Assert.Equal(0, cleared.State!.Last);
            Assert.False(cleared.RecordExists);

            cleared.State = new CaseNumberGrain.SequenceState { Last = 7 };
            await storage.WriteStateAsync(GrainType, id, cleared);
            var rewritten = State(0, etag: null);
            await storage.ReadStateAsync(GrainType, id, rewritten);
            Assert.Equal(7, rewritten.State!.Last);
            Assert.Equal(1, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_grain_state"));
        }
        finally
        {
            await silo.StopAndDisposeAsync();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_stale_write_raises_inconsistent_state_and_changes_nothing(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var silo = await TestSilos.StartAsync(database);
        var storage = silo.Storage();
        var id = GrainId.Create(GrainType, "2032");
        try
        {
            var first = State(1, etag: null);
            await storage.WriteStateAsync(GrainType, id, first);
            var second = State(2, etag: first.ETag);
            await storage.WriteStateAsync(GrainType, id, second);

            var stale = State(3, etag: first.ETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, stale));
            var unaware = State(4, etag: null);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, unaware));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, id, State(0, etag: first.ETag)));

            var read = State(0, etag: null);
            await storage.ReadStateAsync(GrainType, id, read);
            Assert.Equal(2, read.State!.Last);
            Assert.Equal(second.ETag, read.ETag);
        }
        finally
        {
            await silo.StopAndDisposeAsync();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task fifty_concurrent_first_writes_leave_one_row_and_one_winner(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var silo = await TestSilos.StartAsync(database);
        var storage = silo.Storage();
        var id = GrainId.Create(GrainType, "2033");
        try
        {
            using var start = new ManualResetEventSlim();
            var writers = Enumerable.Range(1, 50).Select(n => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    await storage.WriteStateAsync(GrainType, id, State(n, etag: null));
                    return (Writer: n, Won: true);
                }
                catch (InconsistentStateException)
                {
                    return (Writer: n, Won: false);
                }
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(writers);

            var winner = Assert.Single(results, result => result.Won);
            Assert.Equal(1, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_grain_state"));
            var read = State(0, etag: null);
            await storage.ReadStateAsync(GrainType, id, read);
            Assert.Equal(winner.Writer, read.State!.Last);
        }
        finally
        {
            await silo.StopAndDisposeAsync();
        }
    }

    private static GrainState<CaseNumberGrain.SequenceState> State(int last, string? etag) =>
        new(new CaseNumberGrain.SequenceState { Last = last }, etag);
}
