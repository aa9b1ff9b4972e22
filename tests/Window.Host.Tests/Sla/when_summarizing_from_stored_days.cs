using Window.Host.Sla;
using Window.Storage;
using Window.Testing;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Tests.Sla;

public sealed class when_summarizing_from_stored_days(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, Beijing);
    private static readonly string[] Items = ["housing-subsidy", "medical-checkup", "settle-in"];
    private static readonly string[] Departments = ["finance", "health", "housing", "talent-office"];
    private readonly WorkingCalendar calendar = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")).Calendar;
    private readonly TempDirectory folder = new();
    private readonly Dictionary<string, CaseProjection> cases = new(StringComparer.Ordinal);
    private readonly Dictionary<SlaDatabase, SlaSummary> summaries = [];

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_summary_equals_one_tally_of_every_row_of_the_period_before_and_after_late_writes(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        var random = new Random(24);
        for (var n = 0; n < 150; n++)
        {
            await db.ReadModel.ApplyAsync(RandomCase(random, $"c{n:D3}"));
        }

        await AssertEveryPeriodEqualsOneTallyAsync(db, Now);

        // Ratings and visits after completion, red changes journaled late, a case completed on a past day projected late.
        foreach (var caseId in cases.Keys.Where(_ => random.Next(4) == 0).ToList())
        {
            var projection = cases[caseId];
            var row = projection.Case;
            var late = projection.Events.Count + 1;
            var events = random.Next(2) == 0 ? projection.Events
                : [.. projection.Events, RedChange(caseId, late, Now.AddDays(-random.Next(1, 20)), random.Next(2) == 0 ? projection.Steps[0] : null)];
            await Apply(db, projection with
            {
                Case = row with { Trips = row.Trips + 1, Evaluation = random.Next(1, 6), Version = row.Version + 1 },
                Events = events,
            });
        }

        var completedLate = RandomCase(random, "late");
        await Apply(db, completedLate with { Case = completedLate.Case with { Status = "completed", CompletedAt = Now.AddDays(-3) } });

        await AssertEveryPeriodEqualsOneTallyAsync(db, Now.AddMinutes(1));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_day_that_is_over_is_tallied_once_and_today_is_read_live(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        var random = new Random(3);
        for (var n = 0; n < 40; n++)
        {
            await db.ReadModel.ApplyAsync(RandomCase(random, $"c{n:D3}"));
        }

        var from = OfficeTime.DateOf(Now).AddDays(-29);
        var to = OfficeTime.DateOf(Now);
        var first = await Summary(db).ComputeAsync(calendar, Now, from, to, null, null);

        // Completed in the last few seconds: counted at once, from today's rows after its tally.
        var completedNow = RandomCase(random, "now");
        await db.ReadModel.ApplyAsync(completedNow with { Case = completedNow.Case with { CompletedAt = Now.AddSeconds(10) } });
        var second = await Summary(db).ComputeAsync(calendar, Now.AddSeconds(20), from, to, null, null);

        Assert.Equal(first.Overall.Completed + 1, second.Overall.Completed);
        var stored = await db.Store.StoredDaysAsync(from, to.AddDays(1));
        Assert.Equal(30, stored.Count);
        Assert.All(stored, day => Assert.Equal(Now, day.ComputedAt));
        Assert.Equal(Now, stored.Single(d => d.Day == to).Upto);
        Assert.Equivalent(second, await OneTallyAsync(db, from, to, null, null), strict: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task days_tallied_with_another_calendar_are_tallied_again(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        var random = new Random(5);
        for (var n = 0; n < 40; n++)
        {
            await db.ReadModel.ApplyAsync(RandomCase(random, $"c{n:D3}"));
        }

        var from = OfficeTime.DateOf(Now).AddDays(-29);
        var to = OfficeTime.DateOf(Now);
        await Summary(db).ComputeAsync(calendar, Now, from, to, null, null);
        var year = new CalendarYear(2026, Enumerable.Range(0, 365).Select(d => new DateOnly(2026, 1, 1).AddDays(d)).Where(d => d.Month == 11 && d.Day % 2 == 0).ToHashSet(), new HashSet<DateOnly>());
        var changed = calendar.WithYear(year);

        var summary = await Summary(db).ComputeAsync(changed, Now, from, to, null, null);

        Assert.Equivalent(await OneTallyAsync(db, from, to, null, null, changed), summary, strict: true);
        Assert.NotEqual(SlaDayFigures.Stamp(calendar), SlaDayFigures.Stamp(changed));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task preparing_tallies_the_default_period_so_that_a_summary_only_reads(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        var random = new Random(8);
        for (var n = 0; n < 30; n++)
        {
            await db.ReadModel.ApplyAsync(RandomCase(random, $"c{n:D3}"));
        }

        await Summary(db).PrepareAsync(calendar, Now);
        var today = OfficeTime.DateOf(Now);
        var summary = await Summary(db).ComputeAsync(calendar, Now.AddSeconds(30), today.AddDays(-29), today, null, null);

        var stored = await db.Store.StoredDaysAsync(today.AddDays(-29), today.AddDays(1));
        Assert.Equal(SlaSummary.DefaultDays, stored.Count);
        Assert.All(stored, day => Assert.Equal(Now, day.ComputedAt));
        Assert.Equivalent(await OneTallyAsync(db, today.AddDays(-29), today, null, null), summary, strict: true);
    }

    private async Task AssertEveryPeriodEqualsOneTallyAsync(SlaDatabase db, DateTimeOffset now)
    {
        var today = OfficeTime.DateOf(now);
        (DateOnly From, DateOnly To, string? Department, string? Item)[] asked =
        [
            (today.AddDays(-29), today, null, null),
            (today.AddDays(-29), today, "housing", null),
            (today.AddDays(-12), today.AddDays(-3), null, "settle-in"),
            (today.AddDays(-40), today.AddDays(2), "health", "medical-checkup"),
            (today.AddDays(-5), today.AddDays(-5), null, null),
        ];
        foreach (var (from, to, department, item) in asked)
        {
            var expected = await OneTallyAsync(db, from, to, department, item);
            Assert.Equivalent(expected, await Summary(db).ComputeAsync(calendar, now, from, to, department, item), strict: true);
            Assert.Equivalent(expected, await Summary(db).ComputeAsync(calendar, now, from, to, department, item), strict: true);
        }
    }

    /// <summary>The summary as one tally of every row of the period, read live: what the stored days must add up to.</summary>
    private async Task<SlaSummaryDto> OneTallyAsync(
        SlaDatabase db, DateOnly from, DateOnly to, string? department, string? item, WorkingCalendar? with = null)
    {
        var rows = await db.Store.DayRowsAsync(OfficeTime.StartOf(from), OfficeTime.EndOf(to));
        var tally = SlaDayFigures.Tally(rows, with ?? calendar);
        var summary = SlaFigures.Summarize(await db.Store.LitStepsAsync(), await db.Store.RedCasesNowAsync(), [tally], from, to, department, item);
        return summary with
        {
            Ratings = SlaFigures.Ratings(summary.Overall, await db.Store.PoorRatingsAsync(OfficeTime.StartOf(from), OfficeTime.EndOf(to)), department, item),
            // The officer table's completions from the one tally too; its open cases are read now.
            ByOfficer = SlaFigures.ByOfficer([tally], await db.Store.OpenByOfficerAsync(), department, item),
        };
    }

    /// <summary>One summary per database, as a host has: later requests reuse the tallies it parsed.</summary>
    private SlaSummary Summary(SlaDatabase db) => summaries.TryGetValue(db, out var summary) ? summary : summaries[db] = SlaSummary.Of(db.Database);

    private async Task Apply(SlaDatabase db, CaseProjection projection)
    {
        cases[projection.Case.CaseId] = projection;
        await db.ReadModel.ApplyAsync(projection);
    }

    private CaseProjection RandomCase(Random random, string id)
    {
        var opened = Now.AddDays(-random.Next(1, 45)).AddHours(-random.Next(0, 8));
        var completed = random.Next(4) > 0 ? opened.AddDays(random.Next(0, 15)).AddHours(random.Next(0, 10)) : (DateTimeOffset?)null;
        if (completed > Now)
        {
            completed = Now.AddMinutes(-random.Next(1, 600));
        }

        var items = Items.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Items[0]).ToList();
        var steps = items.SelectMany((item, i) => Enumerable.Range(0, random.Next(1, 3)).Select(s =>
            new StepRow(id, item, $"s{s}", Departments[random.Next(Departments.Length)], completed is null ? "ready" : "approved", opened, null, null,
                completed is null ? (random.Next(3) == 0 ? "red" : "green") : "none", null, completed, completed is null ? null : "approve"))).ToList();
        var events = new List<EventRow> { new(id, 1, opened, "desk", "desk", null, "accepted", null, null, null, null, null) };
        for (var r = 0; r < random.Next(0, 4); r++)
        {
            var at = opened.AddDays(random.Next(0, 20)).AddHours(random.Next(0, 20));
            events.Add(RedChange(id, events.Count + 1, at < Now ? at : Now.AddMinutes(-5), random.Next(3) == 0 ? null : steps[random.Next(steps.Count)]));
        }

        var status = completed is null ? "open" : "completed";
        var light = completed is null ? (random.Next(3) == 0 ? "red" : "green") : "none";
        var promised = OfficeTime.DateOf(opened).AddDays(random.Next(3, 15));
        var projection = new CaseProjection(
            new CaseRow(id, $"RC-{id}", "t", null, status, "wang", opened, promised, null, null, light, completed, null, random.Next(1, 3),
                random.Next(0, 6) is var level and > 0 ? level : null, 1),
            [.. items.Select(item => new CaseItemRow(id, item, 1, completed is null ? "open" : "approved", completed))],
            steps, [], [.. events.OrderBy(e => e.Seq)]);
        cases[id] = projection;
        return projection;
    }

    private static EventRow RedChange(string caseId, int seq, DateTimeOffset at, StepRow? step) =>
        new(caseId, seq, at, "system", "system", step?.Department, "light-changed", step?.ItemId, step?.StepId, "red", null, null);
}
