using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Window.Host.Sla;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Storage.Sla;
using Window.Testing;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Bench;

/// <summary>Latencies of one query kind over a seeded read model, and the same per variant (filter).</summary>
internal sealed record QueryResult(int Cases, string Query, double[] Latencies, IReadOnlyList<(string Variant, double P50, double P95)> Variants)
{
    public double P50 => Figures.Percentile(Latencies, 0.50);

    public double P95 => Figures.Percentile(Latencies, 0.95);
}

/// <summary>
/// The department queue, the case search and the SLA summary against a read model of <c>cases</c> cases, through the
/// product's own code (<see cref="SqlReadModel"/>, <see cref="SqlSlaStore"/>, <see cref="SlaFigures"/>), one query at a time.
/// </summary>
internal static class QueryBench
{
    public static async Task<(IReadOnlyList<QueryResult> Results, TimeSpan Seeding)> RunAsync(
        PostgresServer server, WorkflowCatalog catalog, int cases, int queries)
    {
        var connectionString = await server.RecreateDatabaseAsync($"window_queries_{cases}");
        var database = WindowDatabase.PostgreSql(connectionString);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var seeding = Stopwatch.StartNew();
        await ReadModelSeeder.SeedAsync(connectionString, catalog, cases, now);
        var sla = new SqlSlaStore(database);
        // The seeding's lit-step deltas (appended by the triggers on window_steps) folded, as the watcher's pass does.
        await sla.FoldLitStepsAsync();
        seeding.Stop();
        var readModel = new SqlReadModel(database);
        var departments = catalog.Departments.Keys.Order(StringComparer.Ordinal).ToArray();
        var items = catalog.Items.Select(i => i.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(7);

        var queue = await TimeAsync(queries, i => departments[i % departments.Length], department => readModel.DepartmentQueueAsync(department, 200));

        (string Name, Func<int, CaseFilter> Filter)[] searches =
        [
            ("all, newest first", _ => new CaseFilter()),
            ("status=open", _ => new CaseFilter(Status: "open")),
            ("light=red", _ => new CaseFilter(Light: "red")),
            ("officer", i => new CaseFilter(Officer: $"officer-{1 + (i % 39):D2}")),
            ("officer+status=open", i => new CaseFilter(Status: "open", Officer: $"officer-{1 + (i % 39):D2}")),
            ("item", i => new CaseFilter(Item: items[i % items.Length])),
            ("department", i => new CaseFilter(Department: departments[i % departments.Length])),
            ("status=delivered page 2-5", i => new CaseFilter(Status: "delivered", Page: 2 + (i % 4))),
        ];
        var search = await TimeAsync(queries, i => searches[i % searches.Length], variant => readModel.SearchCasesAsync(variant.Filter(random.Next(1000))));

        var to = OfficeTime.DateOf(now);
        var from = to.AddDays(-29);
        string?[] scopes = [null, .. departments];
        var slaSummary = new SlaSummary(sla);
        var summary = await TimeAsync(queries, i => scopes[i % 3 == 0 ? 0 : i % scopes.Length], department => SummaryAsync(slaSummary, catalog.Calendar, from, to, department));

        return (
        [
            new QueryResult(cases, "department queue (200 lines)", queue.All, queue.Variants),
            new QueryResult(cases, "case search (page of 20 + total)", search.All, search.Variants),
            new QueryResult(cases, "SLA summary (30 days)", summary.All, summary.Variants),
        ], seeding.Elapsed);
    }

    /// <summary>
    /// The summary as GET /api/sla/summary computes it. The unmeasured rounds tally and store the days of the period that
    /// are over (every seeded day is marked stale by the triggers, as a read model that never had a summary would be).
    /// </summary>
    private static Task<SlaSummaryDto> SummaryAsync(SlaSummary summary, WorkingCalendar calendar, DateOnly from, DateOnly to, string? department) =>
        summary.ComputeAsync(calendar, DateTimeOffset.UtcNow, from, to, department, null);

    private static async Task<(double[] All, IReadOnlyList<(string, double, double)> Variants)> TimeAsync<TVariant, TResult>(
        int queries, Func<int, TVariant> variantOf, Func<TVariant, Task<TResult>> query)
    {
        // Two rounds unmeasured: connections opened, plans cached, pages in shared buffers as in a running system.
        for (var i = 0; i < 2 * Math.Min(queries, 20); i++)
        {
            await query(variantOf(i));
        }

        var all = new List<double>(queries);
        var byVariant = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < queries; i++)
        {
            var variant = variantOf(i);
            var started = Stopwatch.GetTimestamp();
            await query(variant);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            all.Add(ms);
            var name = variant switch
            {
                ValueTuple<string, Func<int, CaseFilter>> search => search.Item1,
                _ => variant?.ToString() ?? "all departments",
            };
            if (!byVariant.TryGetValue(name, out var list))
            {
                byVariant[name] = list = [];
            }

            list.Add(ms);
        }

        all.Sort();
        var variants = byVariant.Select(pair =>
        {
            pair.Value.Sort();
            return (pair.Key, Figures.Percentile(pair.Value, 0.5), Figures.Percentile(pair.Value, 0.95));
        }).OrderByDescending(v => v.Item3).ToList();
        return ([.. all], variants);
    }
}
