using Microsoft.Data.Sqlite;
using Window.Storage.ReadModel;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

/// <summary>
/// The embedded profile's one writer per file (issue 26): projections that queue while another write holds the file commit
/// together in one transaction, and each still gets its own answer.
/// </summary>
public sealed class when_sqlite_projections_commit_together : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task projections_queued_behind_a_write_commit_in_one_group_each_with_its_own_answer()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.Sqlite, null!, folder);
        var readModel = new SqlReadModel(database);
        await readModel.ApplyAsync(Projection(Case("c0", version: 5)));
        var writer = SqliteWriter.For(database)!;

        // While this write holds the file, every ApplyAsync queues (synchronously, before its first await).
        var queued = await writer.RunAsync(() => Task.FromResult(new[]
        {
            readModel.ApplyAsync(Projection(Case("c1"), [Step("c1", "review")], [Event("c1", 1)])),
            readModel.ApplyAsync(Projection(Case("c0", version: 4))),
            readModel.ApplyAsync(Projection(Case("c2", version: 2), events: [Event("c2", 1), Event("c2", 2)])),
        }));

        Assert.All(queued, task => Assert.False(task.IsCompleted));
        var answers = await Task.WhenAll(queued);
        Assert.Equal([true, false, true], answers);
        Assert.Equal("review", Assert.Single((await readModel.ReadProjectionAsync("c1"))!.Steps).StepId);
        Assert.Equal(5, await readModel.VersionOfAsync("c0"));
        Assert.Equal(2, (await readModel.ReadProjectionAsync("c2"))!.Events.Count);
    }

    [Fact]
    public async Task a_projection_the_database_refuses_fails_alone_and_the_rest_of_its_group_is_stored()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.Sqlite, null!, folder);
        var readModel = new SqlReadModel(database);
        var writer = SqliteWriter.For(database)!;

        var queued = await writer.RunAsync(() => Task.FromResult(new[]
        {
            readModel.ApplyAsync(Projection(Case("c1"), events: [Event("c1", 1)])),
            readModel.ApplyAsync(Projection(Case("bad") with { Number = null! }, events: [Event("bad", 1)])),
            readModel.ApplyAsync(Projection(Case("c2"))),
        }));

        Assert.True(await queued[0]);
        await Assert.ThrowsAsync<SqliteException>(() => queued[1]);
        Assert.True(await queued[2]);
        Assert.Null(await readModel.VersionOfAsync("bad"));
        Assert.Equal(0, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_case_events WHERE case_id = 'bad'"));
        Assert.Single((await readModel.ReadProjectionAsync("c1"))!.Events);
        Assert.Equal(1, await readModel.VersionOfAsync("c2"));
    }

    [Fact]
    public async Task a_failed_projection_alone_changes_nothing_and_the_next_one_is_written()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.Sqlite, null!, folder);
        var readModel = new SqlReadModel(database);

        await Assert.ThrowsAsync<SqliteException>(() => readModel.ApplyAsync(Projection(Case("bad") with { Number = null! }, events: [Event("bad", 1)])));

        Assert.True(await readModel.ApplyAsync(Projection(Case("c1"))));
        Assert.Equal(0, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_case_events"));
        Assert.Null(await readModel.VersionOfAsync("bad"));
    }
}
