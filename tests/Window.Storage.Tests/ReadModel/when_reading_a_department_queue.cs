using System.Data.Common;
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

        var queue = await readModel.DepartmentQueueAsync(Office);

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

        var queue = await readModel.DepartmentQueueAsync(Office);

        Assert.Equal(["claimed", "ready"], queue.Select(entry => entry.StepId).Order(StringComparer.Ordinal));
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

        Assert.Equal(["c1"], (await readModel.DepartmentQueueAsync(Office)).Select(entry => entry.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_limit_caps_the_queue(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"),
            Enumerable.Range(1, 5).Select(day => Step("c1", $"s{day}", dueAt: Monday.AddDays(day))).ToList()));

        var queue = await readModel.DepartmentQueueAsync(Office, limit: 2);

        Assert.Equal(["s1", "s2"], queue.Select(entry => entry.StepId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_queue_is_read_in_order_from_its_partial_index_without_sorting(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var queueSql = SqlDialect.For(provider).QueueSql;
        await using var connection = await database.OpenConnectionAsync();
        if (provider == DatabaseProvider.PostgreSql)
        {
            // An empty table is cheapest to scan; these make any plan but an ordered index scan cost-prohibitive.
            await ExecuteAsync(connection, "SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
        }

        var plan = await PlanAsync(connection, (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + queueSql,
            provider == DatabaseProvider.Sqlite ? 3 : 0);

        Assert.Contains("window_steps_queue", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> PlanAsync(DbConnection connection, string sql, int column)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new (string, object)[] { ("department", Office), ("limit", 200) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(column));
        }

        return string.Join('\n', lines);
    }
}
