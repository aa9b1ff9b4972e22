using System.Text.Json;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Sla;

public sealed class when_asking_the_calendar_about_days(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task each_day_says_whether_it_is_worked_whether_it_is_provisional_and_its_holiday()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);

        var days = await app.Officer().GetJsonAsync<JsonElement>("/api/calendar/days?from=2026-12-31&to=2027-02-11");

        var byDate = days.EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);
        Assert.Equal(43, byDate.Count);
        Assert.Equal((true, false, JsonValueKind.Null), Day(byDate["2026-12-31"]));
        Assert.Equal((false, true, JsonValueKind.String), Day(byDate["2027-01-01"]));
        Assert.Equal("元旦", byDate["2027-01-01"].GetProperty("name").GetString());
        foreach (var date in new[] { "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08" })
        {
            Assert.Equal("春节", byDate[date].GetProperty("name").GetString());
            Assert.False(byDate[date].GetProperty("working").GetBoolean());
        }

        Assert.Equal("春节（补假）", byDate["2027-02-09"].GetProperty("name").GetString());
        Assert.Equal((true, true, JsonValueKind.Null), Day(byDate["2027-02-11"]));
        Assert.Equal("国庆节", (await app.Officer().GetJsonAsync<JsonElement>("/api/calendar/days?from=2026-10-02&to=2026-10-02"))[0].GetProperty("name").GetString());
        Assert.Equal("国庆节调休上班", (await app.Officer().GetJsonAsync<JsonElement>("/api/calendar/days?from=2026-10-10&to=2026-10-10"))[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/calendar/add?from=9999-12-31&workingDays=3650", "from")]
    [InlineData("/api/calendar/add?from=1899-12-31&workingDays=1", "from")]
    [InlineData("/api/calendar/add?from=2026-12-01&workingDays=3651", "workingDays")]
    [InlineData("/api/calendar/between?from=2026-12-01&to=2101-01-01", "to")]
    [InlineData("/api/calendar/between?from=0001-01-01&to=2026-01-01", "from")]
    [InlineData("/api/calendar/days?from=2026-01-01&to=2027-01-02", "to")]
    [InlineData("/api/calendar/days?from=2027-01-02&to=2027-01-01", "to")]
    [InlineData("/api/calendar/days?from=2101-01-01&to=2101-01-02", "from")]
    [InlineData("/api/calendar/days?from=2026-01-01", "to")]
    [InlineData("/api/sla/summary?from=1000-01-01&to=2026-01-01", "from")]
    public async Task a_date_out_of_range_is_a_400_naming_the_field(string path, string field)
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        var client = path.StartsWith("/api/sla", StringComparison.Ordinal) ? app.As("supervisor", Window.Contracts.Roles.Supervisor) : app.Officer();

        var problem = await (await client.GetAsync(new Uri(path, UriKind.Relative))).ProblemAsync(400);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_year_outside_the_calendars_range_cannot_be_published()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        var admin = app.As("admin", Window.Contracts.Roles.Administrator);

        var problem = await (await admin.PutAsync("/api/calendar/years/2101", new { daysOff = Array.Empty<string>() }, "k1")).ProblemAsync(400);

        Assert.Equal("year", problem.GetProperty("field").GetString());
    }

    private static (bool Working, bool Provisional, JsonValueKind Name) Day(JsonElement day) =>
        (day.GetProperty("working").GetBoolean(), day.GetProperty("provisional").GetBoolean(), day.GetProperty("name").ValueKind);
}
