using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Sla;
using Window.Host.Tests.Sla;
using Window.Storage;
using Window.Testing;
using Window.Workflows.Calendar;

namespace Window.Host.Tests.Cases;

/// <summary>
/// The administrative acts through the API on both databases (issue 20): extension asked by the officer and decided by a
/// supervisor, suspension and resumption, termination, approval where the item asks for it, supplement due dates.
/// </summary>
public sealed class when_acting_on_a_case(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Step = "medical-checkup.checkup-arrangement";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_approved_extension_moves_the_statutory_date_and_a_refused_one_does_not(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var supervisor = app.As("supervisor", Roles.Supervisor);

        var requested = await (await officer.CommandAsync($"/api/cases/{opened.Id}/extension", new { days = 5, reason = "需组织专家论证" }, "ext-1")).ReadAsync<CaseDto>();
        var replay = await officer.CommandAsync($"/api/cases/{opened.Id}/extension", new { days = 5, reason = "需组织专家论证" }, "ext-1");
        var pending = await supervisor.GetJsonAsync<List<PendingDecisionDto>>("/api/decisions");
        var approved = await (await supervisor.CommandAsync($"/api/cases/{opened.Id}/extension/decision", new { approve = true, comment = "同意延期" })).ReadAsync<CaseDto>();
        var afterDecision = await supervisor.GetJsonAsync<List<PendingDecisionDto>>("/api/decisions");
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/extension", new { days = 3, reason = "仍需补充论证" })).ReadAsync<CaseDto>();
        var refused = await (await supervisor.CommandAsync($"/api/cases/{opened.Id}/extension/decision", new { approve = false, comment = "无需再延" })).ReadAsync<CaseDto>();
        var tooMany = await officer.CommandAsync($"/api/cases/{opened.Id}/extension", new { days = 6, reason = "再延" });
        var timeline = await officer.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.Equal(new DateOnly(2026, 12, 21), opened.Acts!.StatutoryBy);
        Assert.Equal(new DateOnly(2026, 12, 21), requested.Acts!.StatutoryBy);
        Assert.Equal(ExtensionStatuses.Pending, Assert.Single(requested.Acts.Extensions).Status);
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        var waiting = Assert.Single(pending, p => p.CaseId == opened.Id);
        Assert.Equal(("extension", 5, "需组织专家论证", opened.Number), (waiting.Act, waiting.Days, waiting.Reason, waiting.Number));
        Assert.Equal(new DateOnly(2026, 12, 28), approved.Acts!.StatutoryBy);
        Assert.Equal(5, approved.Acts.ExtensionDaysLeft);
        Assert.DoesNotContain(afterDecision, p => p.CaseId == opened.Id);
        Assert.Equal(new DateOnly(2026, 12, 28), refused.Acts!.StatutoryBy);
        Assert.Equal([ExtensionStatuses.Approved, ExtensionStatuses.Refused], refused.Acts.Extensions.Select(e => e.Status));
        Assert.Equal("days", (await tooMany.ProblemAsync(422)).GetProperty("field").GetString());
        Assert.Equal(
            ["extension-requested", "extension-approved", "extension-requested", "extension-refused"],
            timeline.Where(t => t.Kind.StartsWith("extension", StringComparison.Ordinal)).Select(t => t.Kind));
        Assert.Equal("5|需组织专家论证", timeline.First(t => t.Kind == "extension-requested").Detail);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_suspension_stops_the_clocks_and_the_department_until_the_case_is_resumed(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var health = app.Department("health");

        var suspended = await (await officer.CommandAsync($"/api/cases/{opened.Id}/suspension", new { reason = "等待法院裁定" })).ReadAsync<CaseDto>();
        var claim = await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/claim", new { });
        var again = await officer.CommandAsync($"/api/cases/{opened.Id}/suspension", new { reason = "再次中止" });
        var lookup = await app.Anonymous().GetJsonAsync<PublicCaseDto>($"/api/public/cases/{opened.Number}?code={opened.LookupCode}");
        app.Clock.Advance(TimeSpan.FromDays(7));
        var resumed = await (await officer.CommandAsync($"/api/cases/{opened.Id}/resumption", new { })).ReadAsync<CaseDto>();
        var resumeAgain = await officer.CommandAsync($"/api/cases/{opened.Id}/resumption", new { });
        var claimed = await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/claim", new { })).ReadAsync<CaseDto>();

        Assert.True(suspended.Acts!.Suspended);
        Assert.Null(suspended.DueBy);
        Assert.Null(suspended.Acts.StatutoryBy);
        Assert.Equal("case_suspended", (await claim.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("case_suspended", (await again.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.True(lookup.Acts!.Suspended);
        Assert.False(resumed.Acts!.Suspended);
        Assert.True(resumed.DueBy > opened.DueBy!.Value.AddDays(6), $"{resumed.DueBy} should be a week after {opened.DueBy}");
        Assert.True(resumed.Acts.StatutoryBy > opened.Acts!.StatutoryBy);
        Assert.Equal("case_not_suspended", (await resumeAgain.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("claimed", claimed.Steps.Single(s => s.Id == Step).Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_termination_closes_every_step_and_frees_the_talents_item(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var idNumber = Api.NewIdNumber();
        var opened = await app.Desk().OpenAsync("medical-checkup", idNumber);
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var health = app.Department("health");

        var terminated = await (await officer.CommandAsync($"/api/cases/{opened.Id}/termination", new { reason = "申请人已离开本市" })).ReadAsync<CaseDto>();
        var queue = (await health.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue")).Items;
        var reopened = await app.Desk().OpenAsync("medical-checkup", idNumber);
        var afterwards = await officer.CommandAsync($"/api/cases/{opened.Id}/suspension", new { reason = "x" });
        var rows = await app.SqlAsync($"SELECT COUNT(*) FROM window_cases WHERE case_id = '{opened.Id}' AND status = 'terminated'");

        Assert.Equal("terminated", terminated.Status);
        Assert.All(terminated.Steps, s => Assert.True(s.Status is "cancelled" or "done" or "skipped", s.Status));
        Assert.All(terminated.Items, i => Assert.Equal("申请人已离开本市", i.Reason));
        Assert.DoesNotContain(queue, e => e.CaseId == opened.Id);
        Assert.NotEqual(opened.Id, reopened.Id);
        Assert.Equal("case_closed", (await afterwards.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(1, rows);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task where_the_item_asks_for_approval_a_termination_waits_for_the_supervisor(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("startup-funding");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var supervisor = app.As("supervisor", Roles.Supervisor);

        var requested = await (await officer.CommandAsync($"/api/cases/{opened.Id}/termination", new { reason = "项目已撤销" })).ReadAsync<CaseDto>();
        var suspension = await officer.CommandAsync($"/api/cases/{opened.Id}/suspension", new { reason = "另一申请" });
        var pending = await supervisor.GetJsonAsync<List<PendingDecisionDto>>("/api/decisions");
        var wrongAct = await supervisor.CommandAsync($"/api/cases/{opened.Id}/suspension/decision", new { approve = true });
        var approved = await (await supervisor.CommandAsync($"/api/cases/{opened.Id}/termination/decision", new { approve = true, comment = "同意终止" })).ReadAsync<CaseDto>();

        Assert.Equal("open", requested.Status);
        Assert.Equal(("termination", "项目已撤销"), (requested.Acts!.Pending!.Act, requested.Acts.Pending.Reason));
        Assert.Equal("act_pending", (await suspension.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("termination", Assert.Single(pending, p => p.CaseId == opened.Id).Act);
        Assert.Equal("nothing_pending", (await wrongAct.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("terminated", approved.Status);
        Assert.Null(approved.Acts!.Pending);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_return_for_supplement_is_due_on_its_day_and_the_talent_sees_what_to_bring_by_when(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var health = app.Department("health");
        await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/claim", new { })).ReadAsync<CaseDto>();

        var pastDay = await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/complete", new { outcome = "return", missing = new[] { "health-questionnaire" }, due = "2026-11-23" });
        var returned = await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/complete", new { outcome = "return", missing = new[] { "health-questionnaire" }, due = "2026-11-27" })).ReadAsync<CaseDto>();
        var lookup = await app.Anonymous().GetJsonAsync<PublicCaseDto>($"/api/public/cases/{opened.Number}?code={opened.LookupCode}");

        Assert.Equal("due", (await pastDay.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal(new DateOnly(2026, 11, 27), returned.Steps.Single(s => s.Id == Step).SupplementDue);
        var toBring = Assert.Single(lookup.ToBring);
        Assert.Equal(("health-questionnaire", (DateOnly?)new DateOnly(2026, 11, 27)), (toBring.Id, toBring.Due));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task bad_input_is_a_problem_naming_the_field_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        using var other = app.As("officer-other", Roles.Officer);

        var cases = new (HttpClient Client, string Path, object Body, int Status, string Field)[]
        {
            (officer, "extension", new { days = 0, reason = "x" }, 400, "days"),
            (officer, "extension", new { days = 3 }, 400, "reason"),
            (officer, "extension", new { days = 3, reason = "a\u202Eb" }, 400, "reason"),
            (officer, "suspension", new { reason = "   " }, 400, "reason"),
            (officer, "termination", new { }, 400, "reason"),
            (supervisor, "extension/decision", new { comment = "?" }, 400, "approve"),
            (supervisor, "extension/decision", new { approve = true, comment = new string('长', 501) }, 400, "comment"),
            (officer, "supplement-extension", new { supplement = "deferred", reason = "x" }, 400, "due"),
            (officer, "items/medical-checkup/closure", new { reason = "" }, 400, "reason"),
        };
        foreach (var (client, path, body, status, field) in cases)
        {
            var response = await client.CommandAsync($"/api/cases/{opened.Id}/{path}", body);
            Assert.Equal(field, (await response.ProblemAsync(status)).GetProperty("field").GetString());
        }

        var notTheirs = await other.CommandAsync($"/api/cases/{opened.Id}/suspension", new { reason = "x" });
        Assert.Equal(403, (int)notTheirs.StatusCode);
        var after = await officer.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        Assert.Equal(opened.Version, after.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_watcher_journals_a_statutory_breach_once_after_the_promised_light_is_already_red(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var supervisor = app.As("supervisor", Roles.Supervisor);

        // Past the promised limit: the case turns red and nothing else is due until the statutory limit passes.
        app.Clock.Advance(opened.DueBy!.Value - app.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await app.WatchAsync();
        var red = await supervisor.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        app.Clock.Advance(TimeSpan.FromDays(14));
        await app.WatchAsync();
        var beforeBreach = await supervisor.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        app.Clock.Advance(TimeSpan.FromDays(14));
        await app.WatchAsync();
        await app.WatchAsync();
        var timeline = await supervisor.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        var breached = await supervisor.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var period = $"from={OfficeTime.DateOf(opened.OpenedAt):yyyy-MM-dd}&to={OfficeTime.DateOf(app.Clock.GetUtcNow()):yyyy-MM-dd}";
        var summary = await supervisor.GetJsonAsync<SlaSummaryDto>($"/api/sla/summary?{period}");

        Assert.Equal("red", red.Light);
        Assert.DoesNotContain(beforeBreach, t => t.Kind == "statutory-breached");
        var entry = Assert.Single(timeline, t => t.Kind == "statutory-breached");
        Assert.Equal("system", entry.Actor);
        Assert.True(breached.Acts!.StatutoryBreached);
        Assert.Equal(1, summary.Acts.StatutoryBreaches);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_overdue_supplement_is_extended_once_and_then_its_item_closed_as_not_handled(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var health = app.Department("health");
        await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/claim", new { })).ReadAsync<CaseDto>();
        await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/complete", new { outcome = "return", missing = new[] { "health-questionnaire" }, due = "2026-11-25" })).ReadAsync<CaseDto>();

        var early = await officer.CommandAsync($"/api/cases/{opened.Id}/supplement-extension", new { supplement = Step, due = "2026-12-02", reason = "申请人出差" });
        app.Clock.Advance(TimeSpan.FromDays(3));
        await app.WatchAsync();
        var overdue = await officer.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var extended = await (await officer.CommandAsync($"/api/cases/{opened.Id}/supplement-extension", new { supplement = Step, due = "2026-12-02", reason = "申请人出差" })).ReadAsync<CaseDto>();
        app.Clock.Advance(TimeSpan.FromDays(7));
        await app.WatchAsync();
        var again = await officer.CommandAsync($"/api/cases/{opened.Id}/supplement-extension", new { supplement = Step, due = "2026-12-09", reason = "再延" });
        var closed = await (await officer.CommandAsync($"/api/cases/{opened.Id}/items/medical-checkup/closure", new { reason = "逾期未补正" })).ReadAsync<CaseDto>();
        var timeline = await officer.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.Equal("supplement_not_overdue", (await early.ProblemAsync(409)).GetProperty("code").GetString());
        var late = Assert.Single(overdue.Acts!.OverdueSupplements);
        Assert.Equal((Step, new DateOnly(2026, 11, 25), false), (late.Supplement, late.Due, late.Extended));
        Assert.Equal(["medical-checkup"], late.Items);
        Assert.Empty(extended.Acts!.OverdueSupplements);
        Assert.Equal(new DateOnly(2026, 12, 2), extended.Steps.Single(s => s.Id == Step).SupplementDue);
        Assert.Equal("supplement_extended_once", (await again.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(("completed", "rejected", "逾期未补正"), (closed.Status, closed.Items.Single().Status, closed.Items.Single().Reason));
        Assert.Equal(2, timeline.Count(t => t.Kind == "supplement-overdue"));
        Assert.Single(timeline, t => t.Kind == "supplement-extended");
        Assert.Single(timeline, t => t.Kind == "item-closed");
    }
}
