using Window.Workflows.Calendar;
using Window.Workflows.Sla;

namespace Window.Workflows.Tests.Sla;

public class when_adding_up_sla_figures
{
    private static readonly WorkingCalendar Calendar = Support.Calendar;

    private static DateTimeOffset At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, OfficeTime.Offset);

    private static CompletedCaseFact Completed(DateTimeOffset opened, DateTimeOffset completed, DateOnly promised, int trips = 1, int? level = null,
        string item = "talent-apartment", string department = "housing") =>
        new(opened, completed, promised, trips, level, [item], [department]);

    [Fact]
    public void nearest_rank_takes_the_value_at_rank_ceil_p_times_n()
    {
        Assert.Null(SlaAggregation.NearestRank(Array.Empty<int>(), 0.5));
        Assert.Equal(2, SlaAggregation.NearestRank([1, 2, 3, 4], 0.5));
        Assert.Equal(4, SlaAggregation.NearestRank([1, 2, 3, 4], 0.9));
        Assert.Equal(SlaAggregation.NearestRank([1, 2, 2, 7], 0.5), SlaAggregation.NearestRank(new Dictionary<int, int> { [7] = 1, [2] = 2, [1] = 1 }, 0.5));
    }

    [Fact]
    public void a_case_completed_by_the_end_of_its_promised_day_is_on_time_and_handling_time_counts_working_days()
    {
        // Opened Tuesday 9/29; 10/1–10/7 are the national-day holiday, Saturday 10/10 is a make-up working day.
        var onTime = Completed(At(9, 29), At(10, 12, 23), new DateOnly(2026, 10, 12), trips: 1, level: 5);
        var late = Completed(At(9, 29), At(10, 13), new DateOnly(2026, 10, 12), trips: 2, level: 1);

        var figures = SlaAggregation.Summarize([], [], [SlaDayTally.Of([onTime, late], [], Calendar)], new DateOnly(2026, 9, 1), null, null).Overall;

        Assert.Equal(2, figures.Completed);
        Assert.Equal(1, figures.OnTime);
        Assert.Equal(0.5, figures.OnTimeRate);
        Assert.Equal(Calendar.WorkingDaysBetween(new DateOnly(2026, 9, 29), new DateOnly(2026, 10, 12)), figures.MedianWorkingDays);
        Assert.Equal(1.5, figures.AverageTrips);
        Assert.Equal(0.5, figures.AtMostOneTripShare);
        Assert.Equal([1, 0, 0, 0, 1], figures.Evaluations);
    }

    [Fact]
    public void a_department_scope_counts_its_own_steps_and_the_cases_that_reached_it()
    {
        var housing = Completed(At(11, 2), At(11, 4), new DateOnly(2026, 11, 10), department: "housing");
        var health = Completed(At(11, 2), At(11, 5), new DateOnly(2026, 11, 10), item: "medical-checkup", department: "health");
        LitStepCount[] lit = [new("housing", "talent-apartment", "yellow", 2), new("health", "medical-checkup", "red", 1)];

        var figures = SlaAggregation.Summarize(lit, [new RedCaseCount(["medical-checkup"], 3)], [SlaDayTally.Of([housing, health], [], Calendar)],
            new DateOnly(2026, 11, 1), "housing", null);

        Assert.Equal(1, figures.Overall.Completed);
        Assert.Equal(2, figures.Overall.Yellow);
        Assert.Equal(0, figures.Overall.Red);
        Assert.Equal(0, figures.Overall.RedNow);
        Assert.Equal(["housing"], figures.Departments.Select(d => d.Department));
    }

    [Fact]
    public void a_subject_that_turned_red_on_several_days_counts_once_in_the_period()
    {
        RedChangeFact Red(int seq, DateTimeOffset? previous) => new("c1", seq, "talent-apartment", "eligibility-review", "housing", previous, []);
        var first = SlaDayTally.Of([], [Red(3, null), Red(5, At(11, 2))], Calendar);
        var again = SlaDayTally.Of([], [Red(9, At(11, 2))], Calendar);

        var figures = SlaAggregation.Summarize([], [], [first, again], new DateOnly(2026, 11, 1), null, null).Overall;

        Assert.Equal(1, figures.BreachesInPeriod);
    }

    [Fact]
    public void a_case_red_in_the_period_counts_for_each_of_its_items_and_no_department()
    {
        var tally = SlaDayTally.Of([], [new RedChangeFact("c1", 4, null, null, null, null, ["talent-apartment", "medical-checkup"])], Calendar);

        var figures = SlaAggregation.Summarize([], [], [tally], new DateOnly(2026, 11, 1), null, null);

        Assert.Equal(1, figures.Overall.BreachesInPeriod);
        Assert.All(figures.Items, i => Assert.Equal(1, i.Figures.BreachesInPeriod));
        Assert.Empty(figures.Departments);
    }
}
