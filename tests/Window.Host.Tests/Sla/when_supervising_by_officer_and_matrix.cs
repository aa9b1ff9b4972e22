using Window.Host.Sla;
using Window.Storage;
using Window.Testing;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Tests.Sla;

public sealed class when_supervising_by_officer_and_matrix(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_officer_table_and_the_matrix_equal_those_computed_by_hand(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        var calendar = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")).Calendar;
        string[] officers = ["wang", "li", "zhao"];

        // Completed: officer, opened (Beijing), completed, working days promised, rating.
        (string Officer, DateTimeOffset Opened, DateTimeOffset Completed, int Limit, int? Level)[] completed =
        [
            ("wang", At(2026, 11, 2, 9), At(2026, 11, 4, 16), 5, 5),   // Mon → Wed: 2 working days, on time
            ("wang", At(2026, 11, 2, 10), At(2026, 11, 13, 11), 5, 1), // Mon → Fri next week: 9 working days, late, 差评
            ("wang", At(2026, 11, 5, 9), At(2026, 11, 9, 9), 3, 2),    // Thu → Mon: 2 working days, on time, 差评
            ("li", At(2026, 11, 10, 9), At(2026, 11, 10, 15), 1, null), // same day: 0 working days, on time
            ("li", At(2026, 9, 29, 9), At(2026, 10, 9, 17), 3, 4),     // over 国庆 (10/1–10/7 off, 9/27… make-ups): outside the period
        ];
        var n = 0;
        foreach (var c in completed)
        {
            var id = $"done{n++}";
            var promised = calendar.AddWorkingDays(OfficeTime.DateOf(c.Opened), c.Limit);
            await db.ReadModel.ApplyAsync(new Window.Contracts.ReadModel.CaseProjection(
                new(id, $"RC-{id}", "t", null, "completed", c.Officer, c.Opened, promised, null, null, "none", c.Completed, null, 1, c.Level, 1),
                [new(id, "housing-subsidy", 1, "approved", c.Completed)],
                [new(id, "housing-subsidy", "first", "housing", "approved", c.Opened, null, null, "none", "h", c.Completed, "approve")],
                [], [new(id, 1, c.Opened, "desk", "desk", null, "accepted", null, null, null, null, null)]));
        }

        // Open: officer, item, department, step light.
        (string Officer, string Item, string Department, string Light)[] open =
        [
            ("wang", "housing-subsidy", "housing", "red"),
            ("wang", "housing-subsidy", "housing", "yellow"),
            ("zhao", "housing-subsidy", "housing", "green"),
            ("zhao", "medical-checkup", "health", "red"),
            ("li", "medical-checkup", "health", "green"),
        ];
        foreach (var o in open)
        {
            var id = $"open{n++}";
            var opened = At(2026, 11, 20, 9);
            await db.ReadModel.ApplyAsync(new Window.Contracts.ReadModel.CaseProjection(
                new(id, $"RC-{id}", "t", null, "open", o.Officer, opened, new DateOnly(2026, 12, 10), null, null, "green", null, null, 1, null, 1),
                [new(id, o.Item, 1, "open", null)],
                [new(id, o.Item, "first", o.Department, "ready", opened, null, null, o.Light, null, null, null)],
                [], [new(id, 1, opened, "desk", "desk", null, "accepted", null, null, null, null, null)]));
        }

        var now = At(2026, 11, 25, 12);
        var summary = await SlaSummary.Of(db.Database).ComputeAsync(calendar, now, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 25), null, null);

        // By hand: wang 2 open, 3 completed (2 on time), days 2, 9, 2 → 13/3, two 差评; li 1 open, 1 completed on time in 0
        // days; zhao 2 open, none completed.
        Assert.Equal(
            [
                new OfficerFiguresDto("wang", 2, 3, 2, 2.0 / 3, 13.0 / 3, 2),
                new OfficerFiguresDto("zhao", 2, 0, 0, null, null, 0),
                new OfficerFiguresDto("li", 1, 1, 1, 1.0, 0.0, 0),
            ],
            summary.ByOfficer);
        Assert.Equal(
            [
                new MatrixCellDto("health", "medical-checkup", 1, 0, 1),
                new MatrixCellDto("housing", "housing-subsidy", 1, 1, 1),
            ],
            summary.Matrix);

        var housing = await SlaSummary.Of(db.Database).ComputeAsync(calendar, now, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 25), "health", null);
        Assert.Equal([new OfficerFiguresDto("li", 1, 0, 0, null, null, 0), new OfficerFiguresDto("zhao", 1, 0, 0, null, null, 0)], housing.ByOfficer);
        Assert.Equal([new MatrixCellDto("health", "medical-checkup", 1, 0, 1)], housing.Matrix);
        Assert.Equal(officers.Length, summary.ByOfficer.Count);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, Beijing);
}
