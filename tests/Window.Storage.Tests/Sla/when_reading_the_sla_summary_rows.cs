using Window.Storage.ReadModel;
using Window.Storage.Sla;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.Sla;

[Collection(PostgresCollection.Name)]
public sealed class when_reading_the_sla_summary_rows(PostgresServer postgres) : IDisposable
{
    private static readonly DateTimeOffset Completed = Monday.AddDays(10);
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
    public async Task cases_red_now_come_with_each_of_their_items(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        await readModel.ApplyAsync(Projection(Case("c1", light: "red"), items: [Item("c1", "settle-in"), Item("c1", "housing-subsidy")]));
        await readModel.ApplyAsync(Projection(Case("c2", light: "yellow"), items: [Item("c2", "settle-in")]));
        await readModel.ApplyAsync(Projection(Case("c3", status: "completed", light: "red"), items: [Item("c3", "settle-in")]));

        var red = await new SqlSlaStore(database).RedCasesAsync();

        Assert.Equal([("c1", "housing-subsidy"), ("c1", "settle-in")], red.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task cases_that_turned_red_in_the_period_come_once_with_each_of_their_items(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        EventRow Red(string caseId, int seq, int day, string? stepId = null) =>
            Event(caseId, seq, "light-changed", "red") with { At = Monday.AddDays(day), StepId = stepId, ItemId = stepId is null ? null : "settle-in" };
        await readModel.ApplyAsync(Projection(Case("c1", light: "red"), events: [Red("c1", 1, 1), Red("c1", 2, 2), Red("c1", 3, 3, "review")],
            items: [Item("c1", "settle-in"), Item("c1", "housing-subsidy")]));
        await readModel.ApplyAsync(Projection(Case("c2", light: "red"), events: [Red("c2", 1, 9)], items: [Item("c2", "settle-in")]));
        await readModel.ApplyAsync(Projection(Case("c3", light: "red"), events: [Red("c3", 1, 2, "review")], items: [Item("c3", "settle-in")]));

        var red = await new SqlSlaStore(database).ItemsOfRedCasesAsync(Monday, Monday.AddDays(5));

        Assert.Equal([("c1", "housing-subsidy"), ("c1", "settle-in")], red.Order());
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
