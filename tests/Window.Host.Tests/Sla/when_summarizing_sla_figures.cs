using Window.Host.Sla;
using Window.Storage;
using Window.Storage.Sla;
using Window.Testing;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Sla;

namespace Window.Host.Tests.Sla;

public sealed class when_summarizing_sla_figures(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_figures_of_a_seeded_period_equal_those_computed_by_hand(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        var calendar = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")).Calendar;
        var random = new Random(6);
        var seeded = new List<(string Id, string Item, DateTimeOffset Opened, DateTimeOffset Completed, DateOnly Promised, int Trips, int? Level, bool Red)>();
        for (var n = 0; n < 60; n++)
        {
            var id = $"c{n:D3}";
            var item = n % 3 == 0 ? "medical-checkup" : "housing-subsidy";
            var opened = new DateTimeOffset(2026, 10, 12, 9, 0, 0, Beijing).AddDays(random.Next(0, 20)).AddHours(random.Next(0, 8));
            var completed = opened.AddDays(random.Next(0, 25)).AddHours(random.Next(0, 10));
            var promised = calendar.AddWorkingDays(OfficeTime.DateOf(opened), item == "medical-checkup" ? 5 : 15);
            var trips = random.Next(1, 4);
            int? level = random.Next(0, 6) is var l and > 0 ? l : null;
            var red = n % 7 == 0;
            seeded.Add((id, item, opened, completed, promised, trips, level, red));
            var department = item == "medical-checkup" ? "health" : "housing";
            List<EventRow> events = [new(id, 1, opened, "desk", "desk", null, "accepted", null, null, null, null, null)];
            if (red)
            {
                events.Add(new(id, 2, opened.AddDays(1), "system", "system", department, "light-changed", item, "first", "red", null, null));
            }

            await db.ReadModel.ApplyAsync(new CaseProjection(
                new CaseRow(id, $"RC-{n}", "t", null, "completed", "wang", opened, promised, null, null, "none", completed, null, trips, level, 1),
                [new CaseItemRow(id, item, 1, "approved", completed)],
                [new StepRow(id, item, "first", department, "approved", opened, null, null, "none", "li", completed, "approve")],
                [], events));
        }

        var from = new DateOnly(2026, 10, 20);
        var to = new DateOnly(2026, 11, 15);
        var start = OfficeTime.StartOf(from);
        var end = OfficeTime.EndOf(to);
        var now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, Beijing);

        var summary = await SlaSummary.Of(db.Database).ComputeAsync(calendar, now, from, to, null, null);
        var fromStoredDays = await SlaSummary.Of(db.Database).ComputeAsync(calendar, now, from, to, null, null);

        void Check(SlaFiguresDto figures, Func<(string Id, string Item, DateTimeOffset Opened, DateTimeOffset Completed, DateOnly Promised, int Trips, int? Level, bool Red), bool> scope)
        {
            var inPeriod = seeded.Where(c => c.Completed >= start && c.Completed < end).Where(scope).ToList();
            var days = inPeriod.Select(c => calendar.WorkingDaysBetween(OfficeTime.DateOf(c.Opened), OfficeTime.DateOf(c.Completed))).Order().ToList();
            var onTime = inPeriod.Count(c => c.Completed < new DateTimeOffset(c.Promised.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing).AddTicks(1));
            Assert.Equal(inPeriod.Count, figures.Completed);
            Assert.Equal(onTime, figures.OnTime);
            Assert.Equal((double)onTime / inPeriod.Count, figures.OnTimeRate!.Value, 9);
            Assert.Equal(days[(int)Math.Ceiling(days.Count * 0.5) - 1], figures.MedianWorkingDays);
            Assert.Equal(days[(int)Math.Ceiling(days.Count * 0.9) - 1], figures.P90WorkingDays);
            Assert.Equal(inPeriod.Average(c => c.Trips), figures.AverageTrips!.Value, 9);
            Assert.Equal((double)inPeriod.Count(c => c.Trips <= 1) / inPeriod.Count, figures.AtMostOneTripShare!.Value, 9);
            for (var level = 1; level <= 5; level++)
            {
                Assert.Equal(inPeriod.Count(c => c.Level == level), figures.Evaluations[level.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            var breaches = seeded.Where(scope).Count(c => c.Red && c.Opened.AddDays(1) >= start && c.Opened.AddDays(1) < end);
            Assert.Equal(new BreachCountsDto(breaches, 0), figures.Breaches);
        }

        Check(summary.Overall, _ => true);
        Check(summary.Items.Single(i => i.Id == "medical-checkup").Figures, c => c.Item == "medical-checkup");
        Check(summary.Departments.Single(d => d.Id == "housing").Figures, c => c.Item == "housing-subsidy");
        Assert.Equal(["health", "housing"], summary.Departments.Select(d => d.Id));
        Assert.Equivalent(summary, fromStoredDays, strict: true);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("housing", null)]
    [InlineData(null, "settle-in")]
    [InlineData("health", "medical-checkup")]
    public void each_group_counts_the_completed_cases_holding_it_within_the_filters(string? department, string? item)
    {
        var calendar = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")).Calendar;
        string[] allItems = ["housing-subsidy", "medical-checkup", "settle-in"];
        string[] allDepartments = ["finance", "health", "housing", "talent-office"];
        var random = new Random(10);
        var completed = Enumerable.Range(0, 400).Select(n =>
        {
            var opened = new DateTimeOffset(2026, 10, 1, 9, 0, 0, Beijing).AddDays(random.Next(0, 40)).AddHours(random.Next(0, 8));
            int? level = random.Next(0, 6) is var l and > 0 ? l : null;
            return new CompletedCase($"c{n:D3}", opened, opened.AddDays(random.Next(0, 20)).AddHours(random.Next(0, 10)),
                calendar.AddWorkingDays(OfficeTime.DateOf(opened), 10), random.Next(1, 4), level,
                [.. allItems.Where(_ => random.Next(2) == 0)], [.. allDepartments.Where(_ => random.Next(3) == 0)]);
        }).ToList();
        var from = new DateOnly(2026, 10, 1);
        var to = new DateOnly(2026, 11, 30);
        // One tally per completion day, as the stored days are added up.
        var days = completed.GroupBy(c => OfficeTime.DateOf(c.CompletedAt)).Select(g => SlaDayFigures.Tally(new SlaDayRows([.. g], []), calendar)).ToList();

        var summary = SlaFigures.Summarize([], [], days, from, to, department, item);

        void Check(SlaFiguresDto figures, string? d, string? i)
        {
            var scoped = completed.Where(c => (d is null || c.Departments.Contains(d)) && (i is null || c.Items.Contains(i))).ToList();
            var days = scoped.Select(c => calendar.WorkingDaysBetween(OfficeTime.DateOf(c.OpenedAt), OfficeTime.DateOf(c.CompletedAt))).Order().ToList();
            var onTime = scoped.Count(c => c.CompletedAt <= OfficeTime.EndOf(c.PromisedBy));
            Assert.Equal(scoped.Count, figures.Completed);
            Assert.Equal(onTime, figures.OnTime);
            Assert.Equal(scoped.Count == 0 ? null : (double)onTime / scoped.Count, figures.OnTimeRate);
            Assert.Equal(SlaAggregation.NearestRank(days, 0.5), figures.MedianWorkingDays);
            Assert.Equal(SlaAggregation.NearestRank(days, 0.9), figures.P90WorkingDays);
            Assert.Equal(scoped.Count == 0 ? null : scoped.Average(c => c.Trips), figures.AverageTrips);
            Assert.Equal(scoped.Count == 0 ? null : (double)scoped.Count(c => c.Trips <= 1) / scoped.Count, figures.AtMostOneTripShare);
            for (var level = 1; level <= 5; level++)
            {
                Assert.Equal(scoped.Count(c => c.Evaluation == level), figures.Evaluations[level.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        Check(summary.Overall, department, item);
        Assert.Equal(allDepartments.Where(d => department is null || d == department), summary.Departments.Select(g => g.Id));
        Assert.Equal(allItems.Where(i => item is null || i == item), summary.Items.Select(g => g.Id));
        foreach (var group in summary.Departments)
        {
            Check(group.Figures, group.Id, item);
        }

        foreach (var group in summary.Items)
        {
            Check(group.Figures, department, group.Id);
        }
    }
}
