using System.Text.Json;
using Window.Contracts;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Sla;

public sealed class when_an_administrator_publishes_a_calendar_year(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_date_beyond_the_published_years_is_provisional_until_the_year_is_published_and_it_survives_a_restart(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var officer = app.Officer();
        Assert.Equal("2026-10-12", (await officer.GetJsonAsync<JsonElement>("/api/calendar/add?from=2026-09-29&workingDays=5")).GetProperty("date").GetString());
        Assert.Equal(4, (await officer.GetJsonAsync<JsonElement>("/api/calendar/between?from=2026-09-29&to=2026-10-10")).GetProperty("workingDays").GetInt32());
        var provisional = await officer.GetJsonAsync<JsonElement>("/api/calendar/add?from=2026-12-28&workingDays=5");
        Assert.Equal("2027-01-05", provisional.GetProperty("date").GetString());
        Assert.True(provisional.GetProperty("provisional").GetBoolean());
        var invalid = await (await officer.GetAsync(new Uri("/api/calendar/add?from=2026-13-01&workingDays=5", UriKind.Relative))).ProblemAsync(400);
        Assert.Equal("from", invalid.GetProperty("field").GetString());

        var year = new { daysOff = new object[] { "2027-01-01", new { from = "2027-02-05", to = "2027-02-12" } }, workingWeekends = new[] { "2027-02-14" } };
        await (await officer.PutAsync("/api/calendar/years/2027", year, "k1")).ProblemAsync(403);
        var admin = app.As("admin", Roles.Administrator);
        await (await admin.PutAsync("/api/calendar/years/2027", year)).ProblemAsync(400);
        Assert.True((await admin.PutAsync("/api/calendar/years/2027", year, "k2")).IsSuccessStatusCode);

        // 12-29, 12-30, 12-31, then 1-1 off, 1-2 and 1-3 a weekend: 1-4 and 1-5.
        var published = await officer.GetJsonAsync<JsonElement>("/api/calendar/add?from=2026-12-28&workingDays=5");
        Assert.Equal("2027-01-05", published.GetProperty("date").GetString());
        Assert.False(published.GetProperty("provisional").GetBoolean());
        await app.RestartAsync();
        Assert.Equal("2027-01-05", (await app.Officer().GetJsonAsync<JsonElement>("/api/calendar/add?from=2026-12-28&workingDays=5")).GetProperty("date").GetString());
        Assert.Equal(2, (await app.Officer().GetJsonAsync<JsonElement>("/api/calendar/between?from=2027-02-04&to=2027-02-15")).GetProperty("workingDays").GetInt32());
    }
}
