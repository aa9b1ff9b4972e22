using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Window.Host.Sla;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Storage.Sla;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Bench;

/// <summary>Latencies of one query kind over a seeded read model, and the same per variant (filter).</summary>
internal sealed record QueryResult(int Cases, string Query, double[] Latencies, IReadOnlyList<(string Variant, double P50, double P95)> Variants)
{
    public double P50 => Figures.Percentile(Latencies, 0.50);

    public double P95 => Figures.Percentile(Latencies, 0.95);

    /// <summary>A month's export (target 5 s) rather than a staff query (target 50 ms at 10,000,000 cases).</summary>
    public bool Export { get; init; }
}

/// <summary>
/// The department queue, the case search and the SLA summary against a read model of <c>cases</c> cases, through the
/// product's own code (<see cref="SqlReadModel"/>, <see cref="SqlSlaStore"/>, <see cref="SlaFigures"/>), one query at a time.
/// </summary>
internal static class QueryBench
{
    /// <param name="connectionString">The read model's database: empty (<paramref name="seed"/>) or seeded by an earlier run.</param>
    /// <param name="seed">Seed <paramref name="cases"/> cases first; otherwise query what an earlier run seeded.</param>
    /// <param name="catalog">The bench catalogue (departments, items).</param>
    /// <param name="catalogDirectory">Its folder, for the host whose export class the month's export runs through.</param>
    /// <param name="cases">How many cases the read model holds.</param>
    /// <param name="queries">Measured queries per kind.</param>
    public static async Task<(IReadOnlyList<QueryResult> Results, TimeSpan Seeding, IReadOnlyList<QueryPlan> Plans)> RunAsync(
        string connectionString, bool seed, WorkflowCatalog catalog, string catalogDirectory, int cases, int queries)
    {
        var database = WindowDatabase.PostgreSql(connectionString);
        var migrating = Stopwatch.StartNew();
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        BenchProgram.Log($"queries: migrations in {migrating.Elapsed.TotalSeconds:N1} s");
        var now = DateTimeOffset.UtcNow;
        var seeding = Stopwatch.StartNew();
        IReadOnlyList<string> numbers, talents;
        if (seed)
        {
            (numbers, talents) = await ReadModelSeeder.SeedAsync(connectionString, catalog, cases, now);
            // The seeding's lit-step deltas (appended by the triggers on window_steps) folded, as the watcher's pass does.
            await new SqlSlaStore(database).FoldLitStepsAsync();
            seeding.Stop();
        }
        else
        {
            (numbers, talents) = await ReadModelSeeder.SampleAsync(connectionString, cases);
            seeding.Reset();
        }
        var readModel = new SqlReadModel(database);
        var departments = catalog.Departments.Keys.Order(StringComparer.Ordinal).ToArray();
        var items = catalog.Items.Select(i => i.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(7);

        var queue = await TimeAsync(queries, i => departments[i % departments.Length],
            department => readModel.DepartmentQueueAsync(new QueueQuery(department, 200)));

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

        // Issue 18: the header's search, as the API runs it (the page of 20 with its total, then the lines' items and
        // holding steps), by every kind of query, for the desk and for department staff (held to their department).
        var names = new Random(11);
        (string Name, Func<int, CaseFilter> Filter)[] lookups =
        [
            ("name", _ => new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.NameTerm(ReadModelSeeder.NameOf(names)) }),
            ("most common name", _ => new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.NameTerm(0) }),
            ("ID number", i => new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.IdTerm(talents[i % talents.Count]) }),
            ("phone", i => new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.PhoneTerm(talents[i % talents.Count]) }),
            ("whole number", i => new CaseFilter(PageSize: 20) { Number = numbers[i % numbers.Count] }),
            ("last 4 digits", i => new CaseFilter(PageSize: 20) { NumberEndsWith = Digits(numbers[i % numbers.Count])[^4..] }),
            ("last 6 digits", i => new CaseFilter(PageSize: 20) { NumberEndsWith = Digits(numbers[i % numbers.Count])[^6..] }),
            ("name, department staff", i => new CaseFilter(Department: departments[i % departments.Length], PageSize: 20)
                { Term = ReadModelSeeder.NameTerm(ReadModelSeeder.NameOf(names)) }),
        ];
        var lookup = await TimeAsync(queries, i => lookups[i % lookups.Length], variant => PageWithDetailsAsync(readModel, variant.Filter(random.Next(1000))));

        // Pages of the lists: by number within the counted first 10,000, and by cursor from anywhere (keyset), in both orders.
        var deepNewest = await CursorAfterAsync(readModel, new CaseFilter(PageSize: 200, Page: 50));
        var deepDue = await CursorAfterAsync(readModel, new CaseFilter(Status: "open", PageSize: 200, Page: 20) { Order = CaseOrder.Due });
        var span = TimeSpan.FromDays(730);
        (string Name, Func<int, CaseFilter> Filter)[] lists =
        [
            ("newest, page 1", _ => new CaseFilter(PageSize: 20)),
            ("newest, page 500 by number", _ => new CaseFilter(PageSize: 20, Page: 500)),
            ("newest, cursor after 10,000", _ => new CaseFilter(PageSize: 20) { After = deepNewest }),
            ("newest, cursor anywhere in two years", i => new CaseFilter(PageSize: 20)
                { After = new CaseKey(CaseOrder.Newest, now - (span * random.NextDouble()), null, "seed", 2 + i) }),
            ("open by promised date, page 1", _ => new CaseFilter(Status: "open", PageSize: 20) { Order = CaseOrder.Due }),
            ("open by promised date, cursor", _ => new CaseFilter(Status: "open", PageSize: 20) { Order = CaseOrder.Due, After = deepDue }),
            ("officer's open cases by promised date", i => new CaseFilter(Status: "open", Officer: $"officer-{1 + (i % 39):D2}", PageSize: 20) { Order = CaseOrder.Due }),
            ("opened in one week", i => new CaseFilter(PageSize: 20) { OpenedFrom = now.AddDays(-7 * (1 + (i % 100))), OpenedBefore = now.AddDays(-7 * (i % 100)) }),
        ];
        var list = await TimeAsync(queries, i => lists[i % lists.Length], variant => PageWithDetailsAsync(readModel, variant.Filter(random.Next(1000))));

        // Issue 26: the last page of a list, as the pager's 末页 asks for it (by number: the list offers it only while its
        // total is counted exactly, at most 10,000 lines): lists whose matches are spread thinly through the index.
        (string Name, Func<int, CaseFilter> Filter)[] ends =
        [
            ("opened in 12 hours", i => new CaseFilter(PageSize: 20) { OpenedFrom = now.AddHours(-12 * (1 + (i % 60))), OpenedBefore = now.AddHours(-12 * (i % 60)) }),
            ("officer's open cases by promised date", i => new CaseFilter(Status: "open", Officer: $"officer-{1 + (i % 39):D2}", PageSize: 20) { Order = CaseOrder.Due }),
            ("officer's red cases", i => new CaseFilter(Light: "red", Officer: $"officer-{1 + (i % 39):D2}", PageSize: 20)),
            ("a department's yellow steps", i => new CaseFilter(Status: "open", Department: departments[i % departments.Length], PageSize: 20) { StepLight = "yellow" }),
            ("red steps of a department × item", i => new CaseFilter(Status: "open", Item: items[i % items.Length], Department: departments[i % departments.Length], PageSize: 20) { StepLight = "red" }),
            ("completed late in 30 days, one item", i => new CaseFilter(Item: items[i % items.Length], PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now, OnTime = false }),
            ("an ID number", i => new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.IdTerm(talents[i % talents.Count]) }),
        ];
        var lastPages = new List<(string Name, Func<int, CaseFilter> Filter)>();
        foreach (var (name, filterOf) in ends)
        {
            var found = 0;
            for (var i = 0; i < 200 && found < 5; i++)
            {
                var filter = filterOf(i);
                var first = await readModel.SearchCasesAsync(filter);
                if (!first.TotalIsLowerBound && first.Total > first.PageSize)
                {
                    var last = filter with { Page = (int)((first.Total + first.PageSize - 1) / first.PageSize) };
                    lastPages.Add(($"{name}, last page", _ => last));
                    found++;
                }
            }

            BenchProgram.Log($"queries @ {cases:N0}: last page of \"{name}\": {found} lists of 21..10,000 lines");
        }

        var ending = await TimeAsync(queries, i => lastPages[i % lastPages.Count], variant => PageWithDetailsAsync(readModel, variant.Filter(0)));

        // Issue 23: the dashboard's drill-downs, as the case list runs them (a page of 20 with its total and the lines'
        // details): a department × item cell of step lights, a department's yellow steps, an officer's open cases, and the
        // period figures (completed in the period, late, one trip, 差评 by rectification state).
        (string Name, Func<int, CaseFilter> Filter)[] drills =
        [
            ("matrix cell: red steps of a department × item", i => new CaseFilter(Status: "open", Item: items[i % items.Length], Department: departments[i % departments.Length], PageSize: 20) { StepLight = "red" }),
            ("matrix cell: green steps of a department × item", i => new CaseFilter(Status: "open", Item: items[i % items.Length], Department: departments[i % departments.Length], PageSize: 20) { StepLight = "green" }),
            ("a department's yellow steps", i => new CaseFilter(Status: "open", Department: departments[i % departments.Length], PageSize: 20) { StepLight = "yellow" }),
            ("officer row: open cases", i => new CaseFilter(Status: "open", Officer: $"officer-{1 + (i % 39):D2}", PageSize: 20)),
            ("period figure: completed in 30 days", _ => new CaseFilter(PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now }),
            ("period figure: completed late in 30 days", _ => new CaseFilter(PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now, OnTime = false }),
            ("period figure: one trip in 30 days", _ => new CaseFilter(PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now, AtMostOneTrip = true }),
            ("period figure: 差评 being rectified", _ => new CaseFilter(PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now, RatedAtMost = 2, Rectification = "open" }),
        ];
        var drill = await TimeAsync(queries, i => drills[i % drills.Length], variant => PageWithDetailsAsync(readModel, variant.Filter(random.Next(1000))));

        // A department's queue a page at a time: the first page, a page by cursor deep in it, and filtered.
        var deepQueue = new Dictionary<string, QueueKey?>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            var page = await readModel.DepartmentQueueAsync(new QueueQuery(department, 200, 20));
            deepQueue[department] = page.Next is { } next ? QueueKey.Decode(next)
                : (await readModel.DepartmentQueueAsync(new QueueQuery(department, 50))).Next is { } first ? QueueKey.Decode(first) : null;
        }

        (string Name, Func<int, QueueQuery> Query)[] queuePages =
        [
            ("page 1", i => new QueueQuery(departments[i % departments.Length], 50)),
            ("cursor after 4,000 lines", i => new QueueQuery(departments[i % departments.Length], 50) { After = deepQueue[departments[i % departments.Length]] }),
            ("red only", i => new QueueQuery(departments[i % departments.Length], 50) { Light = "red" }),
            ("one item", i => new QueueQuery(departments[i % departments.Length], 50) { Item = items[i % items.Length] }),
        ];
        var paged = await TimeAsync(queries, i => queuePages[i % queuePages.Length], variant => readModel.DepartmentQueueAsync(variant.Query(random.Next(1000))));

        var to = OfficeTime.DateOf(now);
        var from = to.AddDays(-29);
        string?[] scopes = [null, .. departments];
        var slaSummary = SlaSummary.Of(database);
        var summary = await TimeAsync(queries, i => scopes[i % 3 == 0 ? 0 : i % scopes.Length], department => SummaryAsync(slaSummary, catalog.Calendar, from, to, department));

        // Issue 26: a month's export through the product's own class (SupervisionExports: the summary, the officer table,
        // the matrix and the breach list, then the workbook and the PDF), the previous calendar month, all departments.
        var month = new DateOnly(to.Year, to.Month, 1).AddMonths(-1);
        var exports = await ExportBench.RunAsync(connectionString, catalogDirectory, month, month.AddMonths(1).AddDays(-1), Math.Max(3, queries / 20));

        var plans = await QueryPlans.ExplainAsync(database, cases,
        [
            ("search: a common name", new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.NameTerm(0) }),
            ("search: an ID number", new CaseFilter(PageSize: 20) { Term = ReadModelSeeder.IdTerm(talents[0]) }),
            ("search: last 4 digits", new CaseFilter(PageSize: 20) { NumberEndsWith = Digits(numbers[0])[^4..] }),
            ("search: a name, department staff", new CaseFilter(Department: "health", PageSize: 20) { Term = ReadModelSeeder.NameTerm(1) }),
            ("list: newest, cursor after 10,000", new CaseFilter(PageSize: 20) { After = deepNewest }),
            ("list: open by promised date, cursor", new CaseFilter(Status: "open", PageSize: 20) { Order = CaseOrder.Due, After = deepDue }),
            ("drill: red steps of a department × item", new CaseFilter(Status: "open", Item: items[0], Department: "housing", PageSize: 20) { StepLight = "red" }),
            ("drill: a department's yellow steps", new CaseFilter(Status: "open", Department: "housing", PageSize: 20) { StepLight = "yellow" }),
            ("drill: completed late in 30 days", new CaseFilter(PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now, OnTime = false }),
            ("drill: 差评 being rectified", new CaseFilter(PageSize: 20) { CompletedFrom = now.AddDays(-30), CompletedBefore = now, RatedAtMost = 2, Rectification = "open" }),
        ],
        [
            ("queue: page 1", new QueueQuery("hrss", 50)),
            ("queue: cursor after 4,000 lines", new QueueQuery("hrss", 50) { After = deepQueue["hrss"] }),
        ],
        [.. lastPages.DistinctBy(end => end.Name).Select(end => (end.Name, end.Filter(0)))]);

        return (
        [
            new QueryResult(cases, "department queue (200 lines)", queue.All, queue.Variants),
            new QueryResult(cases, "case search (page of 20 + total)", search.All, search.Variants),
            new QueryResult(cases, "header search (page of 20 + total + lines' details)", lookup.All, lookup.Variants),
            new QueryResult(cases, "case list page (20 + total + lines' details)", list.All, list.Variants),
            new QueryResult(cases, "department queue page (50 + total)", paged.All, paged.Variants),
            new QueryResult(cases, "SLA summary (30 days, with byOfficer and the matrix)", summary.All, summary.Variants),
            new QueryResult(cases, "dashboard drill-down page (20 + total + lines' details)", drill.All, drill.Variants),
            new QueryResult(cases, "last page of a list (20 + total + lines' details)", ending.All, ending.Variants),
            .. exports.Select(e => new QueryResult(cases, e.Query, e.Latencies, []) { Export = true }),
        ], seeding.Elapsed, plans);
    }

    /// <summary>A list page as the API answers it: the page and its total, then its lines' items and holding steps.</summary>
    private static async Task<int> PageWithDetailsAsync(SqlReadModel readModel, CaseFilter filter)
    {
        var page = await readModel.SearchCasesAsync(filter);
        var details = await readModel.DetailsAsync([.. page.Items.Select(row => row.CaseId)]);
        return page.Items.Count + details.Holding.Count;
    }

    /// <summary>The key after a page read by number (unmeasured): where a reader paging by cursor would be.</summary>
    private static async Task<CaseKey?> CursorAfterAsync(SqlReadModel readModel, CaseFilter filter) =>
        (await readModel.SearchCasesAsync(filter)).Next is { } next ? CaseKey.Decode(next, filter.Order) : null;

    private static string Digits(string number) => new([.. number.Where(char.IsAsciiDigit)]);

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
                ValueTuple<string, Func<int, QueueQuery>> page => page.Item1,
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
