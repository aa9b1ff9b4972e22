using System.Text.Json;
using Window.Workflows.Calendar;
using Window.Workflows.Sla;

namespace Window.Workflows.Tests.Sla;

public class when_tallying_a_month_of_completions
{
    private static readonly WorkingCalendar Calendar = Support.Calendar;

    private static readonly string[] Departments = ["housing", "health", "education", "finance"];

    private static readonly string[] Items = ["talent-apartment", "medical-checkup", "school-place", "subsidy"];

    /// <summary>Cases of every shape: none to three departments and items, with and without officer and rating, on time and late.</summary>
    private static List<CompletedCaseFact> Generated(int count, int seed)
    {
        var random = new Random(seed);
        var cases = new List<CompletedCaseFact>();
        for (var n = 0; n < count; n++)
        {
            var opened = new DateTimeOffset(2026, 10, 1, 9, 0, 0, OfficeTime.Offset).AddHours(random.Next(0, 24 * 60));
            var completed = opened.AddHours(random.Next(1, 24 * 20));
            var promised = OfficeTime.DateOf(opened).AddDays(random.Next(0, 15));
            cases.Add(new CompletedCaseFact(opened, completed, promised, random.Next(0, 4), random.Next(7) is var level and <= 5 ? level : null,
                Pick(random, Items), Pick(random, Departments), random.Next(5) == 0 ? null : $"officer-{random.Next(12):D2}"));
        }

        return cases;
    }

    private static string[] Pick(Random random, string[] from) => [.. from.OrderBy(_ => random.Next()).Take(random.Next(0, 4))];

    [Fact]
    public void the_scopes_and_officers_add_up_to_their_cases_counted_one_by_one()
    {
        var cases = Generated(3000, seed: 26);

        var tally = SlaDayTally.Of(cases, [], Calendar);

        Assert.Equal(Json(Expected(cases).Completed), Json(tally.Completed));
        Assert.Equal(Json(Expected(cases).Officers), Json(tally.Officers));
        Assert.Contains(tally.Officers, o => o.OnTime < o.Count && o.Poor > 0);
        Assert.Contains(tally.Completed, g => g.Department != SlaDayTally.All && g.Item != SlaDayTally.All);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>The figures by their definition: every case in every pair of (its departments and "*") × (its items and "*"), in order of first appearance.</summary>
    private static (List<CompletedGroup> Completed, List<OfficerGroup> Officers) Expected(List<CompletedCaseFact> cases)
    {
        var rows = cases.SelectMany(c => c.Departments.Prepend(SlaDayTally.All).SelectMany(d => c.Items.Prepend(SlaDayTally.All).Select(i => (Case: c, Department: d, Item: i))))
            .Select(r => (r.Case, r.Department, r.Item, Days: (int?)Calendar.WorkingDaysBetween(OfficeTime.DateOf(r.Case.OpenedAt), OfficeTime.DateOf(r.Case.CompletedAt)),
                OnTime: r.Case.CompletedAt <= OfficeTime.EndOf(r.Case.PromisedBy)))
            .ToList();
        var completed = rows.GroupBy(r => (r.Department, r.Item))
            .Select(g => new CompletedGroup(g.Key.Department, g.Key.Item, g.Count(), g.Count(r => r.OnTime), g.Sum(r => (long)r.Case.Trips), g.Count(r => r.Case.Trips <= 1),
                [.. Enumerable.Range(1, 5).Select(level => g.Count(r => r.Case.Evaluation == level))],
                g.Where(r => r.Days is not null).GroupBy(r => r.Days!.Value).ToDictionary(d => d.Key, d => d.Count())))
            .ToList();
        var officers = rows.Where(r => r.Case.Officer is not null).GroupBy(r => (Officer: r.Case.Officer!, r.Department, r.Item))
            .Select(g => new OfficerGroup(g.Key.Officer, g.Key.Department, g.Key.Item, g.Count(), g.Count(r => r.OnTime), g.Sum(r => (long)(r.Days ?? 0)),
                g.Count(r => r.Days is not null), g.Count(r => r.Case.Evaluation is >= 1 and <= SlaDayTally.PoorRating)))
            .ToList();
        return (completed, officers);
    }
}
