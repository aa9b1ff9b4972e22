using Window.Contracts;
using Window.Host.Api;
using Window.Host.Sla;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Sla;

public sealed class when_a_deadline_passes(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    // Opened Monday 2026-11-23: the housing subsidy's first step (talent office, 5 working days, warn with 2 left) turns
    // yellow at the end of Thursday 11-26 and red at the end of Monday 11-30; the case (15 days) is still green then.
    private static readonly DateTimeOffset StepWarn = new(2026, 11, 27, 0, 0, 0, SlaRequests.Beijing);
    private static readonly DateTimeOffset StepDue = new(2026, 12, 1, 0, 0, 0, SlaRequests.Beijing);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_step_turns_red_at_its_due_instant_and_is_escalated_once(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("housing-subsidy");
        var step = opened.Steps.Single(s => s.StepId == "talent-office-review");
        Assert.Equal(StepWarn, step.WarnAt);
        Assert.Equal(StepDue, step.DueBy);

        app.Clock.Advance(StepWarn - app.Clock.GetUtcNow() - TimeSpan.FromMicroseconds(1));
        await app.WatchAsync();
        Assert.Empty(await app.LightChangesAsync(opened.Id));

        app.Clock.Advance(TimeSpan.FromMicroseconds(1));
        await app.WatchAsync();
        var yellow = Assert.Single(await app.LightChangesAsync(opened.Id));
        Assert.Equal(("housing-subsidy", "talent-office-review", "yellow", StepWarn), (yellow.ItemId, yellow.StepId, yellow.Detail, yellow.At));

        app.Clock.Advance(StepDue - app.Clock.GetUtcNow());
        await Task.WhenAll(app.WatchAsync(), app.WatchAsync(), app.Grains.GetGrain<ICaseGrain>(opened.Id).CatchUpAsync());
        await app.WatchAsync();

        var changes = await app.LightChangesAsync(opened.Id);
        Assert.Equal(["yellow", "red"], changes.Select(c => c.Detail));
        Assert.Equal(StepDue, changes[1].At);
        var department = await app.InboxAsync("talent-office", Roles.Department, "talent-office");
        var officer = await app.InboxAsync("officer", Roles.Officer);
        var supervisor = await app.InboxAsync("supervisor", Roles.Supervisor);
        Assert.Equal(["red", "yellow"], department.Items.Select(i => i.Light));
        using (var office = app.As("talent-office", Roles.Department, "talent-office"))
        {
            // The inbox pages by entry, newest first, and says how many there are.
            var first = await office.GetJsonAsync<InboxDto>("/api/inbox?pageSize=1");
            var second = await office.GetJsonAsync<InboxDto>($"/api/inbox?pageSize=1&before={first.NextBefore}");
            Assert.Equal((2L, "red", 1), (first.Total, Assert.Single(first.Items).Light, first.Items.Count));
            Assert.Equal("yellow", Assert.Single(second.Items).Light);
            Assert.Empty((await office.GetJsonAsync<InboxDto>($"/api/inbox?pageSize=1&before={second.NextBefore}")).Items);
            Assert.Equal("pageSize", (await (await office.GetAsync("/api/inbox?pageSize=0")).ProblemAsync(400)).GetProperty("field").GetString());
            Assert.Equal("before", (await (await office.GetAsync("/api/inbox?before=0")).ProblemAsync(400)).GetProperty("field").GetString());
        }

        Assert.Equal(["red", "yellow"], officer.Items.Select(i => i.Light));
        var red = Assert.Single(supervisor.Items);
        Assert.Equal((opened.Number, "red", "talent-office-review", "talent-office", 1), (red.CaseNumber, red.Light, red.StepId, red.Department, supervisor.Unread));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_step_decided_after_its_due_instant_is_journaled_red_before_its_decision(DatabaseProvider provider)
    {
        // No watcher runs: the command itself must let time act first, although the case was changed (and its quiet
        // instant computed) before the deadline passed.
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("housing-subsidy");
        using var office = app.Department("talent-office");
        var step = $"/api/cases/{opened.Id}/steps/housing-subsidy.talent-office-review";
        (await office.CommandAsync($"{step}/claim", null)).EnsureSuccessStatusCode();

        app.Clock.Advance(StepDue - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        (await office.CommandAsync($"{step}/complete", new { outcome = "approve" })).EnsureSuccessStatusCode();

        var timeline = await app.Grains.GetGrain<ICaseGrain>(opened.Id).TimelineForAsync(new Actor("supervisor", Roles.Supervisor, null));
        var red = Assert.Single(timeline, e => e is { Kind: "light-changed", StepId: "talent-office-review", Detail: "red" });
        var decided = Assert.Single(timeline, e => e is { Kind: "step-completed", StepId: "talent-office-review" });
        Assert.True(red.Seq < decided.Seq);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_step_breach_is_reported_while_its_case_is_on_time(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("housing-subsidy");

        app.Clock.Advance(StepDue - app.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await app.WatchAsync();

        var page = await app.Supervisor().GetJsonAsync<PageDto<BreachDto>>("/api/sla/breaches?pageSize=1");
        var breaches = page.Items;
        Assert.Equal((1L, 1, 1), (page.Total, page.Page, page.PageSize));
        Assert.Empty((await app.Supervisor().GetJsonAsync<PageDto<BreachDto>>("/api/sla/breaches?page=2&pageSize=1")).Items);
        var tooBig = await app.Supervisor().GetAsync("/api/sla/breaches?pageSize=201");
        Assert.Equal("pageSize", (await tooBig.ProblemAsync(400)).GetProperty("field").GetString());
        var breach = Assert.Single(breaches, b => b.CaseId == opened.Id);
        Assert.Equal(("talent-office-review", "red", StepDue, "officer"), (breach.StepId, breach.Light, breach.Due, breach.Officer));
        var view = await app.Officer().GetJsonAsync<Window.Host.Api.CaseDto>($"/api/cases/{opened.Id}");
        Assert.Equal("green", view.Light);
        var summary = await app.Supervisor().GetJsonAsync<SlaSummaryDto>("/api/sla/summary?from=2026-11-23&to=2026-12-01");
        Assert.Equal(new BreachCountsDto(1, 1), summary.Overall.Breaches);
        Assert.Equal(new BreachCountsDto(1, 1), summary.Departments.Single(d => d.Id == "talent-office").Figures.Breaches);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_deadline_that_passed_while_the_host_was_stopped_is_recorded_and_escalated_once_after_restart(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("housing-subsidy");

        // The clock moves on while no timer can fire: as if the host were down over the deadline.
        app.Clock.AdjustTime(StepDue + TimeSpan.FromDays(1));
        await app.RestartAsync();
        await app.WatchAsync();
        await app.WatchAsync();

        var change = Assert.Single(await app.LightChangesAsync(opened.Id));
        Assert.Equal(("talent-office-review", "red"), (change.StepId, change.Detail));
        var supervisor = await app.InboxAsync("supervisor", Roles.Supervisor);
        Assert.Equal(["red"], supervisor.Items.Where(i => i.CaseId == opened.Id).Select(i => i.Light));
        Assert.Single((await app.InboxAsync("talent-office", Roles.Department, "talent-office")).Items);
    }
}
