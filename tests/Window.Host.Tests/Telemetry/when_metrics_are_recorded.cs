using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class when_metrics_are_recorded(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly TelemetryCapture capture = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task a_scripted_journey_moves_each_metric_by_the_expected_amount()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, configureServices: capture.Register);
        using var desk = app.Desk();
        var before = capture.CollectMetrics();

        var settle = await desk.OpenAsync("settle-in");
        var late = await desk.OpenAsync("medical-checkup");
        var dropped = await desk.OpenAsync("medical-checkup");
        var key = Guid.NewGuid().ToString();
        await (await desk.CommandAsync($"/api/cases/{dropped.Id}/withdrawal", new { reason = "本人放弃" }, key)).ReadAsync<CaseDto>();
        var replayed = await desk.CommandAsync($"/api/cases/{dropped.Id}/withdrawal", new { reason = "本人放弃" }, key);
        await Journeys.CompleteEveryStepAsync(app, settle.Id, new Random(3));
        app.Clock.Advance(TimeSpan.FromDays(60));
        await app.Grains.GetGrain<ICaseGrain>(late.Id).CatchUpAsync();
        var after = capture.CollectMetrics();

        Assert.Equal("true", replayed.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        long Delta(string name, params (string, string)[] tags) => TelemetryCapture.Sum(after, name, tags) - TelemetryCapture.Sum(before, name, tags);
        Assert.Equal(1, Delta("window.cases.opened", (WindowTelemetry.Item, "settle-in")));
        Assert.Equal(2, Delta("window.cases.opened", (WindowTelemetry.Item, "medical-checkup")));
        Assert.Equal(1, Delta("window.cases.completed", (WindowTelemetry.Item, "settle-in")));
        Assert.Equal(0, Delta("window.cases.completed", (WindowTelemetry.Item, "medical-checkup")));
        Assert.Equal(1, Delta("window.cases.withdrawn", (WindowTelemetry.Item, "medical-checkup")));
        Assert.Equal(1, Delta("window.commands.replayed"));

        var timelines = new List<TimelineEntry>();
        foreach (var id in new[] { settle.Id, late.Id, dropped.Id })
        {
            timelines.AddRange(await app.Grains.GetGrain<ICaseGrain>(id).TimelineAsync());
        }

        var completed = timelines.Where(e => e.Kind == "step-completed").GroupBy(e => (e.Department!, e.ItemId!)).ToList();
        Assert.NotEmpty(completed);
        foreach (var group in completed)
        {
            var tags = new[] { (WindowTelemetry.Department, group.Key.Item1), (WindowTelemetry.Item, group.Key.Item2) };
            Assert.Equal(group.Count(), TelemetryCapture.Count(after, "window.step.handling.duration", tags));
            Assert.Equal(group.Count(), TelemetryCapture.Count(after, "window.step.handling.working_days", tags));
        }

        var breaches = timelines.Count(e => e.Kind == "light-changed" && e.Detail == "red");
        Assert.True(breaches > 0, "the overdue check-up should have turned red");
        Assert.Equal(breaches, Delta("window.sla.breaches"));
        Assert.Equal(completed.Sum(g => g.Count()), TelemetryCapture.Count(after, "window.command.duration", (WindowTelemetry.Command, "complete-step"), (WindowTelemetry.Outcome, "ok")));

        var queue = (await app.Department("health").GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue")).Items;
        Assert.Contains(queue, entry => entry.CaseId == late.Id && entry.Light == "red");
        foreach (var light in new[] { "green", "yellow", "red" })
        {
            Assert.Equal(queue.Count(e => e.Light == light), TelemetryCapture.Gauge(after, "window.steps.open", (WindowTelemetry.Department, "health"), (WindowTelemetry.Light, light)));
        }

        Assert.Contains(after, metric => metric.MeterName == "Microsoft.Orleans");
        Assert.Contains(after, metric => metric.Name.StartsWith("dotnet.", StringComparison.Ordinal) || metric.Name.StartsWith("process.runtime.dotnet.", StringComparison.Ordinal));
        Assert.Contains(after, metric => metric.Name == "http.server.request.duration");
    }
}
