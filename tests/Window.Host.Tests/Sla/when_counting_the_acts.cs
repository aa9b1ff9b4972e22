using Window.Workflows.Calendar;
using Window.Contracts;
using Window.Host.Tests.Cases;
using Window.Host.Sla;
using Window.Storage;
using Window.Testing;
using TestApi = Window.Host.Tests.Cases.Api;

namespace Window.Host.Tests.Sla;

/// <summary>
/// The SLA summary counts the administrative acts of its period (issue 20): approved extensions, suspensions,
/// terminations and refusals at the window; a department filter keeps the cases with a step there.
/// </summary>
public sealed class when_counting_the_acts(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_summary_counts_extensions_suspensions_terminations_and_refusals_of_its_period(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        var extended = await app.Desk().OpenAsync("medical-checkup");
        var suspended = await app.Desk().OpenAsync("medical-checkup");
        var terminated = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(extended.Officer, Roles.Officer);
        var refusal = new
        {
            talent = TestApi.Talent(TestApi.NewIdNumber()),
            items = new[] { "medical-checkup" },
            reasons = new object[] { new { text = "不属于本机关职权范围" } },
        };

        (await officer.CommandAsync($"/api/cases/{extended.Id}/extension", new { days = 5, reason = "需组织专家论证" })).EnsureSuccessStatusCode();
        (await supervisor.CommandAsync($"/api/cases/{extended.Id}/extension/decision", new { approve = true, comment = "同意" })).EnsureSuccessStatusCode();
        (await app.As(suspended.Officer, Roles.Officer).CommandAsync($"/api/cases/{suspended.Id}/suspension", new { reason = "等待法院裁定" })).EnsureSuccessStatusCode();
        (await app.As(terminated.Officer, Roles.Officer).CommandAsync($"/api/cases/{terminated.Id}/termination", new { reason = "申请人撤回申请" })).EnsureSuccessStatusCode();
        (await app.Desk().CommandAsync("/api/refusals", refusal)).EnsureSuccessStatusCode();
        var today = OfficeTime.DateOf(app.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var all = await supervisor.GetJsonAsync<SlaSummaryDto>($"/api/sla/summary?from={today}&to={today}");
        var health = await supervisor.GetJsonAsync<SlaSummaryDto>($"/api/sla/summary?from={today}&to={today}&department=health");
        var elsewhere = await supervisor.GetJsonAsync<SlaSummaryDto>($"/api/sla/summary?from={today}&to={today}&department=housing");
        var before = await supervisor.GetJsonAsync<SlaSummaryDto>("/api/sla/summary?from=2026-01-01&to=2026-01-31");

        Assert.Equal(new ActFiguresDto(0, 1, 1, 1, 1), all.Acts);
        Assert.Equal(new ActFiguresDto(0, 1, 1, 1, 1), health.Acts);
        Assert.Equal(new ActFiguresDto(0, 1, 0, 0, 0), elsewhere.Acts);
        Assert.Equal(new ActFiguresDto(0, 0, 0, 0, 0), before.Acts);
    }
}
