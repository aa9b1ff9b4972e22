using Window.Storage.ReadModel;
using Window.Storage.Sla;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.Sla;

[Collection(PostgresCollection.Name)]
public sealed class when_reading_the_sla_summary_rows(PostgresServer postgres) : IDisposable
{
    private static readonly DateTimeOffset Completed = Monday.AddDays(10);

    /// <summary>The start of <see cref="Completed"/>'s office day (2026-03-12 at UTC+08:00).</summary>
    private static readonly DateTimeOffset DayStart = new(2026, 3, 11, 16, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task completed_cases_come_with_their_items_and_the_departments_of_their_steps(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        await readModel.ApplyAsync(Settled("c1", 2,
            [Step("c1", "review", "talent-office", itemId: "settle-in"), Step("c1", "check", "housing", itemId: "housing-subsidy"),
             Step("c1", "pay", "finance", itemId: "housing-subsidy"), Step("c1", "approve", "talent-office", itemId: "housing-subsidy"),
             Step("c1", "deliver", "", itemId: "settle-in")],
            [Item("c1", "settle-in"), Item("c1", "housing-subsidy")]));
        await readModel.ApplyAsync(Settled("c2", 1, [], []));

        var found = await new SqlSlaStore(database).CompletedCasesAsync(Monday, Completed.AddDays(1));

        var c1 = found.Single(c => c.CaseId == "c1");
        Assert.Equal(["housing-subsidy", "settle-in"], c1.Items);
        Assert.Equal(["finance", "housing", "talent-office"], c1.Departments);
        var c2 = found.Single(c => c.CaseId == "c2");
        Assert.Empty(c2.Items);
        Assert.Empty(c2.Departments);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_copies_on_the_case_follow_the_newest_version_and_ignore_an_older_one(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        await readModel.ApplyAsync(Settled("c1", 2, [Step("c1", "review", "talent-office")], [Item("c1", "settle-in")]));
        await readModel.ApplyAsync(Settled("c1", 3, [Step("c1", "check", "health", itemId: "medical-checkup")], [Item("c1", "medical-checkup")]));
        await readModel.ApplyAsync(Settled("c1", 1, [Step("c1", "pay", "finance")], [Item("c1", "housing-subsidy")]));

        var c1 = Assert.Single(await new SqlSlaStore(database).CompletedCasesAsync(Monday, Completed.AddDays(1)));

        Assert.Equal(["medical-checkup"], c1.Items);
        Assert.Equal(["health"], c1.Departments);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task cases_red_now_are_counted_by_their_items(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        await readModel.ApplyAsync(Projection(Case("c1", light: "red"), items: [Item("c1", "settle-in"), Item("c1", "housing-subsidy")]));
        await readModel.ApplyAsync(Projection(Case("c2", light: "red"), items: [Item("c2", "housing-subsidy"), Item("c2", "settle-in")]));
        await readModel.ApplyAsync(Projection(Case("c3", light: "yellow"), items: [Item("c3", "settle-in")]));
        await readModel.ApplyAsync(Projection(Case("c4", status: "completed", light: "red"), items: [Item("c4", "settle-in")]));

        var red = Assert.Single(await new SqlSlaStore(database).RedCasesNowAsync());

        Assert.Equal(["housing-subsidy", "settle-in"], red.Items);
        Assert.Equal(2, red.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_red_change_comes_with_its_subjects_previous_one_and_a_cases_with_its_items(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        EventRow Red(string caseId, int seq, int day, string? stepId = null, string? itemId = null) =>
            Event(caseId, seq, "light-changed", "red") with { At = Monday.AddDays(day), StepId = stepId, ItemId = itemId ?? (stepId is null ? null : "settle-in") };
        await readModel.ApplyAsync(Projection(Case("c1", light: "red"),
            events: [Red("c1", 1, 1), Red("c1", 2, 1, "review"), Red("c1", 3, 2, "check"), Red("c1", 4, 3, "review"), Red("c1", 5, 4, itemId: "housing-subsidy")],
            items: [Item("c1", "settle-in"), Item("c1", "housing-subsidy")]));

        var red = (await new SqlSlaStore(database).RedChangesAsync(Monday.AddDays(2), Monday.AddDays(5))).OrderBy(e => e.Seq).ToList();

        Assert.Equal([3, 4, 5], red.Select(e => e.Seq));
        Assert.Null(red[0].PreviousAt);
        Assert.Equal(Monday.AddDays(1), red[1].PreviousAt);
        Assert.Empty(red[1].CaseItems);
        // An item's own light is the case's: its previous red change is the case's.
        Assert.Equal(Monday.AddDays(1), red[2].PreviousAt);
        Assert.Equal(["housing-subsidy", "settle-in"], red[2].CaseItems);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task lit_steps_counted_from_the_deltas_equal_a_count_of_the_steps_before_and_after_a_fold(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var store = new SqlSlaStore(database);
        var random = new Random(12);
        string[] lights = ["none", "green", "yellow", "red"];
        string[] departments = ["health", "housing", "finance"];
        var versions = new Dictionary<string, long>();
        for (var n = 0; n < 120; n++)
        {
            var caseId = $"c{random.Next(25)}";
            var version = versions[caseId] = versions.GetValueOrDefault(caseId) + 1;
            var status = random.Next(8) == 0 ? "withdrawn" : "open";
            var steps = Enumerable.Range(0, random.Next(0, 4)).Select(s => Step(caseId, $"s{s}", departments[random.Next(3)],
                itemId: s % 2 == 0 ? "settle-in" : "medical-checkup") with { Light = lights[random.Next(4)] }).ToList();
            await readModel.ApplyAsync(Projection(Case(caseId, version, status: status), steps));
            if (n % 40 == 39)
            {
                await store.FoldLitStepsAsync();
            }

            if (n % 10 == 0 || n == 119)
            {
                Assert.Equal(await CountLitStepsAsync(database), ByKey(await store.LitStepsAsync()));
            }
        }

        await store.FoldLitStepsAsync();

        Assert.Equal(await CountLitStepsAsync(database), ByKey(await store.LitStepsAsync()));
        Assert.Equal(0, await store.FoldLitStepsAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_stored_day_is_read_until_a_write_changes_a_case_completed_that_day(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var store = new SqlSlaStore(database);
        var completed = Settled("c1", 2, [], [Item("c1", "settle-in")]);
        await readModel.ApplyAsync(completed);
        var day = new SlaDay(new DateOnly(2026, 3, 12), DayStart, DayStart.AddDays(1));
        var tallies = 0;
        string Tally(SlaDay d, SlaDayRows rows)
        {
            tallies++;
            return string.Join(',', rows.Completed.Select(c => $"{c.CaseId}:{c.Trips}:{c.Evaluation}"));
        }

        await store.RollUpAsync([day], "cal", Monday, Tally);
        var stored = Assert.Single(await store.StoredDaysAsync(day.Day, day.Day.AddDays(1)));
        Assert.Equal(("c1:1:", "cal", day.End), (stored.Figures, stored.Calendar, stored.Upto));

        // Rated after completion: the day's mark hides the stored tally until it is tallied again.
        await readModel.ApplyAsync(completed with { Case = completed.Case with { Evaluation = 5, Version = 3 } });
        Assert.Empty(await store.StoredDaysAsync(day.Day, day.Day.AddDays(1)));
        await store.RollUpAsync([day], "cal", Monday, Tally);
        Assert.Equal("c1:1:5", Assert.Single(await store.StoredDaysAsync(day.Day, day.Day.AddDays(1))).Figures);

        // A write to another day, or an unchanged case written again, leaves it alone.
        await readModel.ApplyAsync(Settled("c2", 1, [], []) with { Case = Case("c2", status: "completed", light: "none") with { CompletedAt = Completed.AddDays(3) } });
        await readModel.ApplyAsync(completed with { Case = completed.Case with { Evaluation = 5, Version = 4 } });
        Assert.Single(await store.StoredDaysAsync(day.Day, day.Day.AddDays(1)));
        Assert.Equal(2, tallies);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_tally_of_part_of_a_day_is_stale_only_for_writes_before_its_instant(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var store = new SqlSlaStore(database);
        var partial = new SlaDay(new DateOnly(2026, 3, 12), DayStart, Completed.AddHours(1));
        await store.RollUpAsync([partial], "cal", Monday, (_, rows) => rows.Completed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A case completed after the tally's instant is read live; one landing before it (projected late) is not in the tally.
        await readModel.ApplyAsync(Settled("c1", 1, [], []) with { Case = Case("c1", status: "completed", light: "none") with { CompletedAt = Completed.AddHours(2) } });
        Assert.Single(await store.StoredDaysAsync(partial.Day, partial.Day.AddDays(1)));
        await readModel.ApplyAsync(Settled("c2", 1, [], []));
        Assert.Empty(await store.StoredDaysAsync(partial.Day, partial.Day.AddDays(1)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task open_cases_by_officer_counted_from_the_deltas_equal_a_count_of_the_cases_before_and_after_a_fold(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var store = new SqlSlaStore(database);
        var random = new Random(26);
        string[] statuses = ["open", "open", "completed", "delivered", "withdrawn"];
        string[] officers = ["wang", "li", "zhao"];
        string[] departments = ["health", "housing", "finance"];
        var versions = new Dictionary<string, long>();
        for (var n = 0; n < 120; n++)
        {
            var caseId = $"c{random.Next(25)}";
            var version = versions[caseId] = versions.GetValueOrDefault(caseId) + 1;
            var steps = Enumerable.Range(0, random.Next(0, 3)).Select(s => Step(caseId, $"s{s}", departments[random.Next(3)],
                itemId: s % 2 == 0 ? "settle-in" : "medical-checkup")).ToList();
            await readModel.ApplyAsync(Projection(Case(caseId, version, status: statuses[random.Next(5)], officer: officers[random.Next(3)]), steps,
                items: [Item(caseId, random.Next(2) == 0 ? "settle-in" : "medical-checkup")]));
            if (n % 40 == 39)
            {
                await store.FoldLitStepsAsync();
            }

            if (n % 10 == 0 || n == 119)
            {
                Assert.Equal(await CountOpenCasesAsync(database), OpenByKey(await store.OpenByOfficerAsync()));
            }
        }

        await store.FoldLitStepsAsync();

        Assert.Equal(await CountOpenCasesAsync(database), OpenByKey(await store.OpenByOfficerAsync()));
        Assert.NotEmpty(await store.OpenByOfficerAsync());
        Assert.Equal(0, await store.FoldLitStepsAsync());
    }

    private static List<string> OpenByKey(IEnumerable<OfficerOpenCases> open) =>
        [.. open.Select(o => $"{o.Officer}|{string.Join(',', o.Items)}|{string.Join(',', o.Departments)}|{o.Count}").Order(StringComparer.Ordinal)];

    private static async Task<List<string>> CountOpenCasesAsync(WindowDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT officer, items, departments, COUNT(*) FROM window_cases WHERE status = 'open' GROUP BY officer, items, departments";
        var counted = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counted.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetString(2)}|{reader.GetInt64(3)}");
        }

        return [.. counted.Order(StringComparer.Ordinal)];
    }

    private static List<LitSteps> ByKey(IEnumerable<LitSteps> lit) => [.. lit.OrderBy(l => (l.Department, l.ItemId, l.Light))];

    private static async Task<List<LitSteps>> CountLitStepsAsync(WindowDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT department, item_id, light, COUNT(*) FROM window_steps " +
            "WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn' GROUP BY department, item_id, light";
        var counted = new List<LitSteps>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counted.Add(new LitSteps(reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return ByKey(counted);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_migration_fills_the_copies_of_cases_stored_before_it(DatabaseProvider provider)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? WindowDatabase.Sqlite(Path.Combine(folder.Path, "window.db"))
            : WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());
        var scripts = DatabaseMigrator.Scripts(provider);
        await using var connection = await database.OpenConnectionAsync();
        async Task ExecuteAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        foreach (var script in scripts.Where(s => s.Version < 11))
        {
            await ExecuteAsync(script.Sql);
        }

        await ExecuteAsync("""
            INSERT INTO window_cases (case_id, number, talent_id, status, officer, opened_at, promised_by, light, completed_at, trips, version)
            VALUES ('c1', 'RC-1', 't', 'completed', 'wang', '2026-03-02T09:00:00.000000Z', '2026-03-20', 'none', '2026-03-12T09:00:00.000000Z', 1, 1),
                   ('c2', 'RC-2', 't', 'completed', 'wang', '2026-03-02T09:00:00.000000Z', '2026-03-20', 'none', '2026-03-12T09:00:00.000000Z', 1, 1);
            INSERT INTO window_case_items (case_id, item_id, item_version, status) VALUES
                ('c1', 'settle-in', 1, 'approved'), ('c1', 'housing-subsidy', 1, 'approved');
            INSERT INTO window_steps (case_id, item_id, step_id, department, status, light, case_number, case_status) VALUES
                ('c1', 'settle-in', 'review', 'talent-office', 'done', 'none', 'RC-1', 'completed'),
                ('c1', 'settle-in', 'deliver', '', 'done', 'none', 'RC-1', 'completed'),
                ('c1', 'housing-subsidy', 'check', 'housing', 'done', 'none', 'RC-1', 'completed'),
                ('c1', 'housing-subsidy', 'approve', 'talent-office', 'done', 'none', 'RC-1', 'completed');
            """);

        await ExecuteAsync(scripts.Single(s => s.Version == 11).Sql);
        var found = await new SqlSlaStore(database).CompletedCasesAsync(Monday, Completed.AddDays(1));

        var c1 = found.Single(c => c.CaseId == "c1");
        Assert.Equal(["housing-subsidy", "settle-in"], c1.Items);
        Assert.Equal(["housing", "talent-office"], c1.Departments);
        var c2 = found.Single(c => c.CaseId == "c2");
        Assert.Empty(c2.Items);
        Assert.Empty(c2.Departments);
    }

    private static CaseProjection Settled(string caseId, long version, IReadOnlyList<StepRow> steps, IReadOnlyList<CaseItemRow> items) =>
        Projection(Case(caseId, version, status: "completed", light: "none") with { CompletedAt = Completed }, steps, items: items);
}
