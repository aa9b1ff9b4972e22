using Window.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Window.Host.Sla;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Sla;

public sealed class when_a_supervisor_subscribes_to_alerts(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task each_rule_that_holds_notifies_its_owner_once_a_week(DatabaseProvider provider)
    {
        // The pass is called by the test: the background one would tick as the fake clock jumps two weeks.
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configuration: new Dictionary<string, string> { ["Window:Sla:AlertPeriod"] = "30.00:00:00" });
        var supervisor = app.Supervisor();
        var subsidy = await app.Desk().OpenAsync("housing-subsidy");
        var checkup = await app.Desk().OpenAsync("medical-checkup");

        // Rules: a retried creation is the same rule; bad input names its field and stores nothing.
        var onTime = await (await supervisor.CommandAsync("/api/sla/alerts", new { kind = SlaAlerts.OnTimeBelow, department = "health", threshold = 90 }, "rule-1")).ReadAsync<AlertRuleDto>();
        var again = await (await supervisor.CommandAsync("/api/sla/alerts", new { kind = SlaAlerts.OnTimeBelow, department = "health", threshold = 90 }, "rule-1")).ReadAsync<AlertRuleDto>();
        Assert.Equal(onTime.Id, again.Id);
        await supervisor.CommandAsync("/api/sla/alerts", new { kind = SlaAlerts.RedOlderThan, threshold = 3 }, "rule-2");
        foreach (var (body, field) in new (object, string)[]
        {
            (new { kind = "sometimes", threshold = 3 }, "kind"),
            (new { kind = SlaAlerts.OnTimeBelow, threshold = 90 }, "department"),
            (new { kind = SlaAlerts.OnTimeBelow, department = "nowhere", threshold = 90 }, "department"),
            (new { kind = SlaAlerts.OnTimeBelow, department = "health", threshold = 0 }, "threshold"),
            (new { kind = SlaAlerts.RedOlderThan, threshold = 61 }, "threshold"),
        })
        {
            Assert.Equal(field, (await (await supervisor.CommandAsync("/api/sla/alerts", body)).ProblemAsync(400)).GetProperty("field").GetString());
        }

        Assert.Equal(2, (await supervisor.GetJsonAsync<List<AlertRuleDto>>("/api/sla/alerts")).Count);
        Assert.Empty(await app.As("zhou", Roles.Supervisor).GetJsonAsync<List<AlertRuleDto>>("/api/sla/alerts"));

        // Tuesday 12-08: the check-up is decided after its promised day (on-time rate 0 % this week), and the subsidy's
        // first step has been red since 12-01 (5 working days).
        app.Clock.Advance(new DateTimeOffset(2026, 12, 8, 10, 0, 0, SlaRequests.Beijing) - app.Clock.GetUtcNow());
        await app.WatchAsync();
        using (var health = app.Department("health"))
        {
            var step = $"/api/cases/{checkup.Id}/steps/medical-checkup.checkup-arrangement";
            (await health.CommandAsync($"{step}/claim", null)).EnsureSuccessStatusCode();
            (await health.CommandAsync($"{step}/complete", new { outcome = "approve" })).EnsureSuccessStatusCode();
        }

        var alerts = app.Services.GetRequiredService<SlaAlerts>();
        Assert.Equal(2, await alerts.EvaluateAsync());
        Assert.Equal(0, await alerts.EvaluateAsync());
        var inbox = await app.InboxAsync("supervisor", Roles.Supervisor);
        var rate = Assert.Single(inbox.Items, i => i.Kind == "sla-alert-on-time");
        Assert.Equal(("health", "red"), (rate.Department, rate.Light));
        var red = Assert.Single(inbox.Items, i => i.Kind == "sla-alert-red");
        Assert.Equal((subsidy.Id, "talent-office-review"), (red.CaseId, red.StepId));

        // Removed rules stop; removing twice is the same.
        (await supervisor.DeleteWithKeyAsync($"/api/sla/alerts/{onTime.Id}")).EnsureSuccessStatusCode();
        (await supervisor.DeleteWithKeyAsync($"/api/sla/alerts/{onTime.Id}")).EnsureSuccessStatusCode();
        Assert.Single(await supervisor.GetJsonAsync<List<AlertRuleDto>>("/api/sla/alerts"));
    }
}

internal static class DeleteRequests
{
    public static async Task<HttpResponseMessage> DeleteWithKeyAsync(this HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }
}
