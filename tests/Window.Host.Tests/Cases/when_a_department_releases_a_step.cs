using Window.Contracts;
using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// 签收 and 取消签收 through the API: the officer who claimed a step gives it back, it is ready again in the
/// department's queue with no claimer, and a colleague takes it. Only the claimer (or nobody) acts on a claimed step.
/// </summary>
public sealed class when_a_department_releases_a_step(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Step = "medical-checkup.checkup-arrangement";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_claimer_releases_it_to_the_queue_and_a_colleague_claims_and_decides_it(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var health = app.Department("health");
        using var colleague = app.As("health-2", Roles.Department, "health");
        var path = $"/api/cases/{opened.Id}/steps/{Step}";

        var claimed = await (await health.CommandAsync($"{path}/claim", new { })).ReadAsync<CaseDto>();
        var releasedByOther = await colleague.CommandAsync($"{path}/release", new { });
        var completedByOther = await colleague.CommandAsync($"{path}/complete", new { outcome = "approve" });
        var released = await (await health.CommandAsync($"{path}/release", new { }, "release-once")).ReadAsync<CaseDto>();
        var replay = await health.CommandAsync($"{path}/release", new { }, "release-once");
        var queue = (await health.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue")).Items;
        var releasedAgain = await health.CommandAsync($"{path}/release", new { });
        var reclaimed = await (await colleague.CommandAsync($"{path}/claim", new { })).ReadAsync<CaseDto>();
        var approved = await (await colleague.CommandAsync($"{path}/complete", new { outcome = "approve", reason = "体检已安排，同意" })).ReadAsync<CaseDto>();
        var timeline = await health.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.Equal(("claimed", "health"), (claimed.Steps.Single(s => s.Id == Step).Status, claimed.Steps.Single(s => s.Id == Step).ClaimedBy));
        Assert.Equal("claimed_by_other", (await releasedByOther.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("claimed_by_other", (await completedByOther.ProblemAsync(409)).GetProperty("code").GetString());
        var step = released.Steps.Single(s => s.Id == Step);
        Assert.Equal(("ready", (string?)null), (step.Status, step.ClaimedBy));
        Assert.Equal(claimed.Steps.Single(s => s.Id == Step).DueBy, step.DueBy);
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        var entry = Assert.Single(queue, e => e.CaseId == opened.Id);
        Assert.Equal(("ready", (string?)null), (entry.Status, entry.ClaimedBy));
        Assert.Equal("step_not_claimed", (await releasedAgain.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("health-2", reclaimed.Steps.Single(s => s.Id == Step).ClaimedBy);
        Assert.Equal("done", approved.Steps.Single(s => s.Id == Step).Status);
        var kinds = timeline.Where(t => t.Step == Step).Select(t => (t.Kind, t.Actor)).ToList();
        Assert.Equal(
            [("step-ready", "desk"), ("step-claimed", "health"), ("step-released", "health"), ("step-claimed", "health-2"), ("step-completed", "health-2")],
            kinds);
        Assert.Equal("体检已安排，同意", timeline.Single(t => t.Kind == "step-completed").Detail);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_step_of_another_department_or_an_unknown_step_is_not_found_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");
        using var health = app.Department("health");
        await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/claim", new { })).ReadAsync<CaseDto>();
        var before = await health.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");

        var byHousing = await app.Department("housing").CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/release", new { });
        var unknown = await health.CommandAsync($"/api/cases/{opened.Id}/steps/medical-checkup.no-such-step/release", new { });
        var byOfficer = await app.Officer().CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/release", new { });

        await byHousing.ProblemAsync(404);
        await unknown.ProblemAsync(404);
        Assert.Equal(403, (int)byOfficer.StatusCode);
        var after = await health.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("health", after.Steps.Single(s => s.Id == Step).ClaimedBy);
    }
}
