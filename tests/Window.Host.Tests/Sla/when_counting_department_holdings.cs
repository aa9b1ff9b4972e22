using Window.Contracts;
using Window.Host.Api;
using Window.Host.Sla;
using Window.Testing;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Tests.Sla;

/// <summary>
/// The trace for people (issue 23) as a pure function: the working days each department held a case, counted by hand on
/// the published 2026 calendar (国庆 10/1–10/7 off, Saturday 10/10 a make-up working day). No host.
/// </summary>
public sealed class when_counting_department_holdings
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar Calendar = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")).Calendar;

    [Fact]
    public void a_return_pauses_the_department_and_concurrent_steps_count_each_day_once()
    {
        // Housing's step, ready Mon 11-02, returned Wed 11-04 and supplied Mon 11-09, decided Wed 11-11: its working days
        // after 11-02 up to 11-11 are 11-03..06 and 11-09..11 (7); the talent held 11-05, 11-06 and 11-09 (3); housing 4.
        // Health's two steps overlap: 11-02 → Thu 11-05 (03, 04, 05) and 11-04 → Fri 11-06 (05, 06): four days, not five.
        var housing = Step("housing-subsidy.housing-review", "housing", At(11, 2, 9), At(11, 11, 15));
        var first = Step("medical-checkup.exam", "health", At(11, 2, 9), At(11, 5, 12));
        var second = Step("medical-checkup.report", "health", At(11, 4, 9), At(11, 6, 9));
        var skipped = Step("medical-checkup.extra", "finance", At(11, 2, 9), null, "skipped");
        var view = Case("completed", At(11, 11, 15), housing, first, second, skipped);
        TimelineEntryDto[] timeline =
        [
            Entry(1, At(11, 2, 9), TimelineKind.Accepted, null),
            Entry(2, At(11, 4, 10), TimelineKind.StepReturned, housing.Id),
            Entry(3, At(11, 9, 10), TimelineKind.MaterialsSupplied, housing.Id),
            Entry(4, At(11, 11, 15), TimelineKind.StepCompleted, housing.Id),
        ];

        var holdings = DepartmentHoldings.Of(view, timeline, Calendar, At(11, 30, 9));

        Assert.Equal(["housing", "health"], holdings.Select(h => h.Department));
        Assert.Equal(("housing", 4, 3, 1, false), Figures(holdings[0]));
        Assert.Equal(("health", 4, 0, 0, false), Figures(holdings[1]));
        Assert.Equal([3, 2], holdings[1].Steps.Select(s => s.WorkingDays));
        var held = Assert.Single(holdings[0].Steps);
        Assert.Equal((4, 3, 1), (held.WorkingDays, held.TalentWorkingDays, held.Returns));
    }

    [Fact]
    public void the_holidays_do_not_count_a_make_up_saturday_does_and_an_open_return_waits_for_the_talent_until_now()
    {
        // The talent office from Tue 09-29 to Mon 10-12: 09-30, 10-08, 10-09, Saturday 10-10 and 10-12 (5); 国庆 not at all.
        // Housing from Mon 10-12, returned Tue 10-13 and not supplied by Wed 10-14 noon: it held 10-13, the talent 10-14.
        var office = Step("talent-certification.review", "talent-office", At(9, 29, 9), At(10, 12, 10));
        var housing = Step("housing-subsidy.housing-review", "housing", At(10, 12, 11), null, "returned");
        var view = Case("open", null, office, housing);
        TimelineEntryDto[] timeline =
        [
            Entry(1, At(9, 29, 9), TimelineKind.Accepted, null),
            Entry(2, At(10, 12, 10), TimelineKind.StepCompleted, office.Id),
            Entry(3, At(10, 13, 10), TimelineKind.StepReturned, housing.Id),
        ];

        var holdings = DepartmentHoldings.Of(view, timeline, Calendar, At(10, 14, 12));

        Assert.Equal(("talent-office", 5, 0, 0, false), Figures(holdings[0]));
        Assert.Equal(("housing", 1, 1, 1, true), Figures(holdings[1]));
    }

    private static (string, int, int, int, bool) Figures(DepartmentHolding h) => (h.Department, h.WorkingDays, h.TalentWorkingDays, h.Returns, h.Holding);

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, Beijing);

    private static CaseStepDto Step(string id, string department, DateTimeOffset ready, DateTimeOffset? completed, string? status = null)
    {
        var (item, step) = (id.Split('.')[0], id.Split('.')[1]);
        return new CaseStepDto(id, item, step, new NameDto(step, step), department, "review", status ?? (completed is null ? "ready" : "approved"),
            ready, null, null, "none", null, completed is null ? null : "approve", completed, [], null, false);
    }

    private static CaseDto Case(string status, DateTimeOffset? completed, params CaseStepDto[] steps) => new(
        "case-1", "RC-2026-000001", "code", status, null, new TalentDto("t", "张三", "330***1234", "138****0000", "C"), "officer",
        steps.Min(s => s.ReadyAt!.Value), new DateOnly(2026, 12, 31), null, "green", [], steps, [], 1, completed, null, null, 1, false, false);

    private static TimelineEntryDto Entry(int seq, DateTimeOffset at, TimelineKind kind, string? step) =>
        new(seq, at, "someone", "department", null, TimelineKinds.Names.Of(kind), step, null, null, null);
}
