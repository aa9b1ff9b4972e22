using Window.Storage.ReadModel;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

[Collection(PostgresCollection.Name)]
public sealed class when_reading_a_department_queue(PostgresServer postgres) : IDisposable
{
    private const string Office = "talent-office";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_earliest_due_comes_first_and_paused_steps_last(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        // Numbers run against the expected order, so that only due and ready instants can produce it.
        await readModel.ApplyAsync(Projection(Case("c9"), [Step("c9", "review", readyAt: Monday, dueAt: Monday.AddDays(1))]));
        await readModel.ApplyAsync(Projection(Case("c8"), [Step("c8", "review", readyAt: Monday, dueAt: Monday.AddDays(3))]));
        await readModel.ApplyAsync(Projection(Case("c7"), [Step("c7", "review", readyAt: Monday.AddHours(1), dueAt: null)]));
        await readModel.ApplyAsync(Projection(Case("c6"), [Step("c6", "review", readyAt: Monday, dueAt: null)]));
        await readModel.ApplyAsync(Projection(Case("c5"), [Step("c5", "review", status: "claimed", readyAt: Monday.AddHours(2),
            dueAt: Monday.AddDays(3))]));
        // Same due and ready instants: the case number decides.
        await readModel.ApplyAsync(Projection(Case("c4"), [Step("c4", "review", readyAt: Monday, dueAt: Monday.AddDays(1))]));

        var queue = (await readModel.DepartmentQueueAsync(new QueueQuery(Office))).Items;

        Assert.Equal(["c4", "c9", "c8", "c5", "c6", "c7"], queue.Select(entry => entry.CaseId));
        Assert.Equal(new QueueEntry("c5", "RC-2026-c5", "settle-in", "review", Office, "claimed", Monday.AddHours(2),
            Monday.AddDays(3).AddHours(-4), Monday.AddDays(3), "green", "li"), queue[3]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task only_ready_and_claimed_steps_of_that_department_are_listed(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"),
        [
            Step("c1", "ready", status: "ready"),
            Step("c1", "claimed", status: "claimed"),
            Step("c1", "pending", status: "pending"),
            Step("c1", "waiting", status: "waiting"),
            Step("c1", "approved", status: "approved"),
            Step("c1", "elsewhere", department: "housing-office", status: "ready"),
        ]));

        var queue = await readModel.DepartmentQueueAsync(new QueueQuery(Office));

        Assert.Equal(["claimed", "ready"], queue.Items.Select(entry => entry.StepId).Order(StringComparer.Ordinal));
        Assert.Equal(2, queue.Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task steps_of_withdrawn_cases_are_not_listed(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"), [Step("c1", "review")]));
        await readModel.ApplyAsync(Projection(Case("c2"), [Step("c2", "review")]));

        await readModel.ApplyAsync(Projection(Case("c2", version: 2, status: "withdrawn"), [Step("c2", "review")]));

        Assert.Equal(["c1"], (await readModel.DepartmentQueueAsync(new QueueQuery(Office))).Items.Select(entry => entry.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_page_holds_its_size_the_total_counts_every_line_and_the_next_cursor_ends_with_the_queue(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"),
            Enumerable.Range(1, 5).Select(day => Step("c1", $"s{day}", dueAt: Monday.AddDays(day))).ToList()));

        var first = await readModel.DepartmentQueueAsync(new QueueQuery(Office, PageSize: 2));
        var last = await readModel.DepartmentQueueAsync(new QueueQuery(Office, PageSize: 2, Page: 3));

        Assert.Equal(["s1", "s2"], first.Items.Select(entry => entry.StepId));
        Assert.Equal((5, false, 1), (first.Total, first.TotalIsLowerBound, first.Page));
        Assert.NotNull(first.Next);
        Assert.Equal(["s5"], last.Items.Select(entry => entry.StepId));
        Assert.Null(last.Next);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task following_cursors_reads_every_line_once_in_queue_order_across_ties_and_paused_steps(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        // 30 steps: due instants with ties (3 per instant), ready instants with ties, and 6 paused steps (no due instant).
        for (var i = 0; i < 30; i++)
        {
            var caseId = $"c{i:D2}";
            DateTimeOffset? due = i % 5 == 0 ? null : Monday.AddDays(i % 4);
            await readModel.ApplyAsync(Projection(Case(caseId),
                [Step(caseId, "review", readyAt: Monday.AddHours(i % 2), dueAt: due), Step(caseId, "check", readyAt: Monday.AddHours(i % 2), dueAt: due)]));
        }

        var whole = (await readModel.DepartmentQueueAsync(new QueueQuery(Office, PageSize: 200))).Items;
        var followed = new List<QueueEntry>();
        var pages = new List<int>();
        var page = await readModel.DepartmentQueueAsync(new QueueQuery(Office, PageSize: 7));
        while (true)
        {
            followed.AddRange(page.Items);
            pages.Add(page.Page);
            if (page.Next is null)
            {
                break;
            }

            page = await readModel.DepartmentQueueAsync(new QueueQuery(Office, PageSize: 7) { After = QueueKey.Decode(page.Next) });
        }

        Assert.Equal(60, whole.Count);
        Assert.Equal(whole, followed);
        Assert.Equal(Enumerable.Range(1, 9), pages);
        Assert.Equal(12, whole.Count(entry => entry.DueAt is null));
        Assert.All(whole.SkipWhile(entry => entry.DueAt is not null), entry => Assert.Null(entry.DueAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task filters_narrow_the_queue_to_an_item_a_light_or_a_status(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"),
        [
            Step("c1", "a", itemId: "housing"),
            Step("c1", "b", itemId: "settle-in", status: "claimed"),
            Step("c1", "c", itemId: "settle-in") with { Light = "red" },
        ]));

        var housing = await readModel.DepartmentQueueAsync(new QueueQuery(Office) { Item = "housing" });
        var red = await readModel.DepartmentQueueAsync(new QueueQuery(Office) { Light = "red" });
        var claimed = await readModel.DepartmentQueueAsync(new QueueQuery(Office) { Status = "claimed", Item = "settle-in" });

        Assert.Equal(("a", 1L), (Assert.Single(housing.Items).StepId, housing.Total));
        Assert.Equal(("c", 1L), (Assert.Single(red.Items).StepId, red.Total));
        Assert.Equal(("b", 1L), (Assert.Single(claimed.Items).StepId, claimed.Total));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_open_step_counts_cover_every_department_and_light_without_a_limit(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"),
            [.. Enumerable.Range(1, 1050).Select(i => Step("c1", $"s{i}") with { Light = i % 3 == 0 ? "red" : "green" }), Step("c1", "h", department: "housing")]));

        var counts = await readModel.OpenStepCountsAsync();

        Assert.Equal(
            [new OpenStepCount("housing", "green", 1), new OpenStepCount(Office, "green", 700), new OpenStepCount(Office, "red", 350)],
            counts.OrderBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.Light, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task every_queue_statement_reads_its_partial_index_in_order_without_sorting(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var sql = DepartmentQueue.QueueSql.For(provider);
        var dialect = SqlDialect.For(provider);
        (string Name, object? Value, System.Data.DbType Type)[] parameters =
        [
            ("department", Office, System.Data.DbType.String),
            ("limit", 51, System.Data.DbType.Int32),
            ("offset", 50L, System.Data.DbType.Int64),
            ("after_due", dialect.Instant(Monday), dialect.InstantType),
            ("after_ready_null", 0, System.Data.DbType.Int32),
            ("after_ready", dialect.Instant(Monday), dialect.InstantType),
            ("after_number", "RC-2026-000001", System.Data.DbType.String),
            ("after_item", "settle-in", System.Data.DbType.String),
            ("after_step", "review", System.Data.DbType.String),
            ("filter_item_id", "settle-in", System.Data.DbType.String),
        ];
        var filter = new DepartmentQueue(database).Filters(new QueueQuery(Office) { Item = "settle-in" }).Terms;

        foreach (var (name, statement) in new[]
        {
            ("count", sql.Count()), ("offset", sql.FromOffset()), ("due after", sql.DueAfter()), ("paused", sql.Paused()),
            ("paused after", sql.PausedAfter()), ("due after, filtered", sql.DueAfter(filter)), ("offset, filtered", sql.FromOffset(filter)),
        })
        {
            var plan = await QueryPlans.ExplainAsync(database, statement, parameters);

            Assert.True(plan.Contains("window_steps_queue", StringComparison.Ordinal), $"{name}: {plan}");
            Assert.False(plan.Contains("Sort", StringComparison.Ordinal) || plan.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{name}: {plan}");
        }
    }
}
