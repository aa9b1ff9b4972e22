using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Acts;

/// <summary>
/// Handover (issue 20 item 6) through the API: a supervisor gives an absent clerk's claimed step to a colleague of the
/// same department, and hands every open case of one officer to another after reading the count.
/// </summary>
public sealed class when_work_is_handed_over(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Step = "medical-checkup.checkup-arrangement";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_supervisor_gives_an_absent_clerks_step_to_a_colleague_who_decides_it(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        await app.AddUserAsync("health-2", Roles.Department, "health");
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        using var colleague = app.As("health-2", Roles.Department, "health");
        await (await app.Department("health").CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/claim", new { })).ReadAsync<CaseDto>();

        var assigned = await (await supervisor.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/assignee", new { user = "health-2" }, "assign-once")).ReadAsync<CaseDto>();
        var replay = await supervisor.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/assignee", new { user = "health-2" }, "assign-once");
        var again = await supervisor.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/assignee", new { user = "health-2" });
        var approved = await (await colleague.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/complete", new { outcome = "approve", opinion = "体检已安排，同意" })).ReadAsync<CaseDto>();
        var timeline = await supervisor.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        var trace = await supervisor.GetAsync(new Uri($"/api/cases/{opened.Id}/trace", UriKind.Relative));

        var step = assigned.Steps.Single(s => s.Id == Step);
        Assert.Equal(("claimed", "health-2", "health-2"), (step.Status, step.ClaimedBy, step.Assignee));
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        Assert.Equal("already_assigned", (await again.ProblemAsync(409)).GetProperty("code").GetString());
        var done = approved.Steps.Single(s => s.Id == Step);
        Assert.Equal(("done", "体检已安排，同意"), (done.Status, done.Opinion));
        var assignedEntry = Assert.Single(timeline, t => t.Kind == "step-assigned");
        Assert.Equal(("supervisor", "health-2", "health"), (assignedEntry.Actor, assignedEntry.Detail, assignedEntry.Department));
        Assert.Contains("体检已安排，同意", await trace.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_step_goes_only_to_an_active_clerk_of_its_department_and_only_a_supervisor_gives_it(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        var path = $"/api/cases/{opened.Id}/steps/{Step}/assignee";

        var otherDepartment = await supervisor.CommandAsync(path, new { user = "housing" });
        var unknown = await supervisor.CommandAsync(path, new { user = "nobody" });
        var blank = await supervisor.CommandAsync(path, new { user = " " });
        var byClerk = await app.Department("health").CommandAsync(path, new { user = "health" });
        var byOfficer = await app.Officer().CommandAsync(path, new { user = "health" });
        var unknownStep = await supervisor.CommandAsync($"/api/cases/{opened.Id}/steps/medical-checkup.nope/assignee", new { user = "health" });

        Assert.Equal(("not_in_department", "user"), Problem(await otherDepartment.ProblemAsync(422)));
        Assert.Equal(("unknown_clerk", "user"), Problem(await unknown.ProblemAsync(422)));
        Assert.Equal(("invalid_request", "user"), Problem(await blank.ProblemAsync(400)));
        Assert.Equal(403, (int)byClerk.StatusCode);
        Assert.Equal(403, (int)byOfficer.StatusCode);
        await unknownStep.ProblemAsync(404);
        var after = await supervisor.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        Assert.Equal(opened.Version, after.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_supervisor_hands_every_open_case_of_an_officer_to_another_once(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        await app.AddUserAsync("officer-2", Roles.Officer);
        using var desk = app.Desk();
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        var cases = new List<CaseDto>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await desk.OpenAsync("medical-checkup"));
        }

        var owned = cases.Where(c => c.Officer == "officer").ToList();
        var work = await supervisor.GetJsonAsync<OpenWorkDto>("/api/officers/officer/open-work");
        var handed = await (await supervisor.CommandAsync("/api/officers/officer/handover", new { to = "officer-2" }, "handover-1")).ReadAsync<HandoverDto>();
        var replay = await supervisor.CommandAsync("/api/officers/officer/handover", new { to = "officer-2" }, "handover-1");
        var afterwards = await supervisor.GetJsonAsync<OpenWorkDto>("/api/officers/officer/open-work");
        var mine = await app.As("officer-2", Roles.Officer).GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?officer=officer-2");

        Assert.NotEmpty(owned);
        Assert.Equal(owned.Count, work.Cases);
        Assert.Equal(new HandoverDto("officer", "officer-2", owned.Count), handed);
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        Assert.Equal(handed, await replay.ReadAsync<HandoverDto>());
        Assert.Equal(0, afterwards.Cases);
        Assert.Equal(cases.Count, mine.Total);
        var timeline = await supervisor.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{owned[0].Id}/timeline");
        Assert.Equal(("supervisor", "officer-2"), timeline.Where(t => t.Kind == "officer-assigned").Select(t => (t.Actor, t.Detail)).Last());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_handover_to_nobody_or_by_an_officer_is_refused(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        await app.Desk().OpenAsync("medical-checkup");

        var missing = await supervisor.CommandAsync("/api/officers/officer/handover", new { });
        var toSelf = await supervisor.CommandAsync("/api/officers/officer/handover", new { to = "officer" });
        var toClerk = await supervisor.CommandAsync("/api/officers/officer/handover", new { to = "health" });
        var byOfficer = await app.Officer().CommandAsync("/api/officers/officer/handover", new { to = "officer" });

        Assert.Equal(("invalid_request", "to"), Problem(await missing.ProblemAsync(400)));
        Assert.Equal(("same_officer", "to"), Problem(await toSelf.ProblemAsync(400)));
        Assert.Equal(("unknown_officer", "to"), Problem(await toClerk.ProblemAsync(422)));
        Assert.Equal(403, (int)byOfficer.StatusCode);
        Assert.Equal(1, (await supervisor.GetJsonAsync<OpenWorkDto>("/api/officers/officer/open-work")).Cases);
    }

    private static (string?, string?) Problem(System.Text.Json.JsonElement problem) =>
        (problem.GetProperty("code").GetString(), problem.TryGetProperty("field", out var field) ? field.GetString() : null);
}
