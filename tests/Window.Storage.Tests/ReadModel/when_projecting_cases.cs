using Window.Storage.ReadModel;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

[Collection(PostgresCollection.Name)]
public sealed class when_projecting_cases(PostgresServer postgres) : IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_projection_reads_back_field_for_field_in_utc(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        // 17:00:00.1234567 in Beijing: stored and read as 09:00:00.123456 UTC (both engines keep microseconds).
        var local = new DateTimeOffset(2026, 3, 2, 17, 0, 0, Beijing).AddTicks(1_234_567);
        var utc = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        var full = new CaseProjection(
            new CaseRow("c1", "RC-2026-000123", "t1", "b1", "delivered", "wang", local, new DateOnly(2026, 3, 20), local.AddDays(1),
                local.AddDays(2), "none", local.AddDays(3), local.AddDays(4), 2, 5, 7),
            [new CaseItemRow("c1", "settle-in", 3, "approved", local), new CaseItemRow("c1", "housing", 1, "open", null)],
            [
                new StepRow("c1", "housing", "check", "housing-office", "pending", null, null, null, "none", null, null, null),
                new StepRow("c1", "settle-in", "review", "talent-office", "approved", local, local.AddHours(4), local.AddHours(8), "green",
                    "li", local.AddHours(1), "approve"),
            ],
            [new MaterialRow("c1", "diploma", "deferred", new DateOnly(2026, 4, 1)), new MaterialRow("c1", "id-card", "provided", null)],
            [
                new EventRow("c1", 1, local, "wang", null, null, "accepted", null, null, null, null, null),
                new EventRow("c1", 2, local.AddMinutes(5), "li", "reviewer", "talent-office", "step-completed", "settle-in", "review",
                    "材料齐全", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"),
            ]);
        var sparse = Projection(Case("c2"));

        Assert.True(await readModel.ApplyAsync(full));
        Assert.True(await readModel.ApplyAsync(sparse));
        var stored = await readModel.ReadProjectionAsync("c1");
        var storedSparse = await readModel.ReadProjectionAsync("c2");

        Assert.NotNull(stored);
        Assert.Equal(full.Case with { OpenedAt = utc, WarnAt = utc.AddDays(1), DueAt = utc.AddDays(2), CompletedAt = utc.AddDays(3),
            DeliveredAt = utc.AddDays(4) }, stored.Case);
        Assert.Equal(TimeSpan.Zero, stored.Case.OpenedAt.Offset);
        Assert.Equal(TimeSpan.Zero, stored.Case.DeliveredAt!.Value.Offset);
        Assert.Equal(full.Items.Select(item => item with { DecidedAt = item.DecidedAt is null ? null : utc }).OrderBy(item => item.ItemId),
            stored.Items);
        Assert.Equal([full.Steps[0], full.Steps[1] with { ReadyAt = utc, WarnAt = utc.AddHours(4), DueAt = utc.AddHours(8),
            CompletedAt = utc.AddHours(1) }], stored.Steps);
        Assert.Equal(TimeSpan.Zero, stored.Steps[1].ReadyAt!.Value.Offset);
        Assert.Equal(full.Materials, stored.Materials);
        Assert.Equal([full.Events[0] with { At = utc }, full.Events[1] with { At = utc.AddMinutes(5) }], stored.Events);
        Assert.All(stored.Events, entry => Assert.Equal(TimeSpan.Zero, entry.At.Offset));
        Assert.Equal(sparse.Case, storedSparse!.Case);
        Assert.Empty(storedSparse.Steps);
        Assert.Equal(7, await readModel.VersionOfAsync("c1"));
        Assert.Null(await readModel.VersionOfAsync("unknown"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_older_version_never_overwrites_a_newer_one(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 6, status: "completed"), [Step("c1", "deliver", status: "ready")]));

        var written = await readModel.ApplyAsync(Projection(Case("c1", version: 5, status: "open"), [Step("c1", "review")]));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.False(written);
        Assert.Equal(6, stored!.Case.Version);
        Assert.Equal("completed", stored.Case.Status);
        Assert.Equal("deliver", Assert.Single(stored.Steps).StepId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_same_version_again_changes_nothing(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 3, officer: "wang")));

        var written = await readModel.ApplyAsync(Projection(Case("c1", version: 3, officer: "zhao"), [Step("c1", "review")]));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.False(written);
        Assert.Equal("wang", stored!.Case.Officer);
        Assert.Empty(stored.Steps);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_event_once_stored_is_never_rewritten(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 1), events: [Event("c1", 1, detail: "first")]));

        await readModel.ApplyAsync(Projection(Case("c1", version: 2), events: [Event("c1", 1, detail: "rewritten"), Event("c1", 2)]));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.Equal(["first", null], stored!.Events.Select(entry => entry.Detail));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task new_events_are_added_even_with_a_stale_version(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 4), events: [Event("c1", 1)]));

        var written = await readModel.ApplyAsync(Projection(Case("c1", version: 3), events: [Event("c1", 1), Event("c1", 2, "visit")]));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.False(written);
        Assert.Equal(4, stored!.Case.Version);
        Assert.Equal([1, 2], stored.Events.Select(entry => entry.Seq));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task concurrent_versions_end_at_the_newest_whatever_the_order(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        var versions = Enumerable.Range(1, 20).ToArray();
        new Random(20260302).Shuffle(versions);

        var written = await Task.WhenAll(versions.Select(version => Task.Run(() => readModel.ApplyAsync(Projection(
            Case("c1", version: version),
            [Step("c1", $"step-{version}"), Step("c1", $"also-{version}")],
            Enumerable.Range(1, version).Select(seq => Event("c1", seq)).ToList())))));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.Contains(true, written);
        Assert.Equal(20, stored!.Case.Version);
        Assert.Equal(["also-20", "step-20"], stored.Steps.Select(step => step.StepId));
        Assert.Equal(Enumerable.Range(1, 20), stored.Events.Select(entry => entry.Seq));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_newer_projection_replaces_items_steps_and_materials(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 1),
            [Step("c1", "review"), Step("c1", "check", itemId: "housing")],
            items: [Item("c1", "settle-in"), Item("c1", "housing")],
            materials: [new MaterialRow("c1", "diploma", "deferred", new DateOnly(2026, 4, 1))]));

        var written = await readModel.ApplyAsync(Projection(Case("c1", version: 2),
            [Step("c1", "review", status: "approved")],
            items: [Item("c1", "settle-in")],
            materials: [new MaterialRow("c1", "diploma", "provided", null)]));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.True(written);
        var step = Assert.Single(stored!.Steps);
        Assert.Equal(("review", "approved"), (step.StepId, step.Status));
        Assert.Equal("settle-in", Assert.Single(stored.Items).ItemId);
        Assert.Equal(new MaterialRow("c1", "diploma", "provided", null), Assert.Single(stored.Materials));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_newer_case_status_reaches_its_unchanged_steps_and_only_new_events_need_sending(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 1), [Step("c1", "review")], events: [Event("c1", 1), Event("c1", 2)]));
        Assert.Single((await readModel.DepartmentQueueAsync(new QueueQuery("talent-office"))).Items);

        await readModel.ApplyAsync(Projection(Case("c1", version: 2, status: "withdrawn"), [Step("c1", "review")],
            events: [Event("c1", 3, "withdrawn")]));

        Assert.Empty((await readModel.DepartmentQueueAsync(new QueueQuery("talent-office"))).Items);
        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.Equal([1, 2, 3], stored!.Events.Select(entry => entry.Seq));
        Assert.Equal("withdrawn", stored.Case.Status);
    }

    [Fact]
    public async Task a_row_that_did_not_change_is_not_written_again()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.PostgreSql, postgres, folder);
        var readModel = new SqlReadModel(database);
        Task<long> WriterOf(string stepId) =>
            Databases.CountAsync(database, $"SELECT xmin::text::bigint FROM window_steps WHERE step_id = '{stepId}'");
        await readModel.ApplyAsync(Projection(Case("c1", version: 1), [Step("c1", "review"), Step("c1", "check")]));
        var (review, check) = (await WriterOf("review"), await WriterOf("check"));

        await readModel.ApplyAsync(Projection(Case("c1", version: 2), [Step("c1", "review"), Step("c1", "check", status: "claimed")]));

        Assert.Equal(review, await WriterOf("review"));
        Assert.NotEqual(check, await WriterOf("check"));
        Assert.Equal("claimed", (await readModel.ReadProjectionAsync("c1"))!.Steps.Single(s => s.StepId == "check").Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_projection_holding_rows_of_another_case_is_refused(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);

        await Assert.ThrowsAsync<ArgumentException>(() => readModel.ApplyAsync(Projection(Case("c1"), [Step("c2", "review")])));

        Assert.Null(await readModel.VersionOfAsync("c1"));
    }

    [Fact]
    public async Task with_deferred_commits_a_partial_journal_whose_earlier_projection_was_lost_is_refused_and_changes_nothing()
    {
        var readModel = await DeferredReadModelAsync();
        await readModel.ApplyAsync(Projection(Case("c1", version: 1), [Step("c1", "review")], events: [Event("c1", 1)]));
        // Version 2 (event 2) was acknowledged to its writer and then lost; version 3 continues it with event 3 only.

        var gap = await Assert.ThrowsAsync<ProjectionGapException>(() => readModel.ApplyAsync(
            Projection(Case("c1", version: 3, status: "withdrawn"), [Step("c1", "review", status: "claimed")], events: [Event("c1", 3)]) with { Continues = 2 }));

        Assert.Equal("c1", gap.CaseId);
        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.Equal(1, stored!.Case.Version);
        Assert.Equal("ready", Assert.Single(stored.Steps).Status);
        Assert.Equal([1], stored.Events.Select(entry => entry.Seq));

        // The whole journal is accepted.
        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 3, status: "withdrawn"), [Step("c1", "review", status: "claimed")],
            events: [Event("c1", 1), Event("c1", 2), Event("c1", 3)])));
        Assert.Equal([1, 2, 3], (await readModel.ReadProjectionAsync("c1"))!.Events.Select(entry => entry.Seq));
    }

    [Fact]
    public async Task with_deferred_commits_a_partial_journal_is_written_when_its_earlier_projection_or_a_newer_one_is_stored()
    {
        var readModel = await DeferredReadModelAsync();
        await readModel.ApplyAsync(Projection(Case("c1", version: 1), events: [Event("c1", 1)]));
        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 2), events: [Event("c1", 2)]) with { Continues = 1 }));

        // Version 3 committed but its writer saw a failure: version 4 still continues version 2, and sends events 3 and 4.
        await readModel.ApplyAsync(Projection(Case("c1", version: 3), events: [Event("c1", 3)]) with { Continues = 2 });
        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 4), events: [Event("c1", 3), Event("c1", 4)]) with { Continues = 2 }));
        // A stale writer (another activation wrote version 5) still adds its missing events and loses the row.
        await readModel.ApplyAsync(Projection(Case("c1", version: 5, status: "completed"), events: [Event("c1", 5)]) with { Continues = 4 });
        Assert.False(await readModel.ApplyAsync(Projection(Case("c1", version: 5), events: [Event("c1", 5), Event("c1", 6)]) with { Continues = 4 }));

        var stored = await readModel.ReadProjectionAsync("c1");
        Assert.Equal(5, stored!.Case.Version);
        Assert.Equal("completed", stored.Case.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6], stored.Events.Select(entry => entry.Seq));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task durable_commits_are_never_lost_so_a_partial_journal_is_not_checked(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", version: 1), events: [Event("c1", 1)]));

        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 3), events: [Event("c1", 3)]) with { Continues = 2 }));

        Assert.Equal([1, 3], (await readModel.ReadProjectionAsync("c1"))!.Events.Select(entry => entry.Seq));
    }

    [Fact]
    public async Task a_deferred_commit_is_deferred_for_its_own_transaction_only()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.PostgreSql, postgres, folder);
        // The tests' server defers every commit: this pool's connections commit durably unless told otherwise.
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Options = "-c synchronous_commit=on" };
        var single = WindowDatabase.PostgreSql(builder.ConnectionString);
        var readModel = new SqlReadModel(single, TimeProvider.System, ProjectionCommit.Deferred);

        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 1), [Step("c1", "review")], events: [Event("c1", 1)])));
        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 2), events: [Event("c1", 2)]) with { Continues = 1 }));
        Assert.False(await readModel.ApplyAsync(Projection(Case("c1", version: 2), events: [Event("c1", 3)]) with { Continues = 1 }));

        Assert.Equal([1, 2, 3], (await readModel.ReadProjectionAsync("c1"))!.Events.Select(entry => entry.Seq));

        // The pool's only connection, which ran those batches, is back to durable commits.
        await using var connection = await single.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SHOW synchronous_commit";
        Assert.Equal("on", await command.ExecuteScalarAsync());
    }

    private async Task<SqlReadModel> DeferredReadModelAsync() =>
        new(await Databases.CreateAsync(DatabaseProvider.PostgreSql, postgres, folder), TimeProvider.System, ProjectionCommit.Deferred);

    /// <summary>A case's command spans (issue 26): stored once per number, read back as a range before the state's tail, in order.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task command_spans_read_back_in_order_before_a_number_and_are_never_rewritten(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var journal = new CaseJournal(database);
        var at = new DateTimeOffset(2026, 3, 2, 17, 0, 0, Beijing);
        var utc = at.ToUniversalTime();
        SpanRow Span(int n, string name = "visit") =>
            new("c1", n, $"{n:x16}", name, at.AddHours(n), TimeSpan.FromTicks(12_340 + n), n, n % 2 == 0 ? "health" : null, n % 2 == 0 ? "checkup.exam" : null);

        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 1)) with { Spans = [Span(1, "open"), Span(2), Span(3)] }));
        // A later projection sends the next spans and, after a repair, some again (changed here to show they are kept).
        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 2)) with { Spans = [Span(3, "changed"), Span(4), Span(5)] }));
        Assert.True(await readModel.ApplyAsync(Projection(Case("c2", version: 1)) with { Spans = [Span(1) with { CaseId = "c2" }] }));

        var before = await journal.SpansAsync("c1", 5);

        Assert.Equal([.. new[] { Span(1, "open"), Span(2), Span(3), Span(4) }.Select(s => s with { StartedAt = utc.AddHours(s.Number) })], before);
        Assert.All(before, s => Assert.Equal(TimeSpan.Zero, s.StartedAt.Offset));
        Assert.Empty(await journal.SpansAsync("c1", 1));
        Assert.Single(await journal.SpansAsync("c2", int.MaxValue));
    }
}
