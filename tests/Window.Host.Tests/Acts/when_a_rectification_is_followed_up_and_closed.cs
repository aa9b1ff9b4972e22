using System.Text.Json;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Acts;

/// <summary>
/// Rectification (整改, issue 20 item 7) through the API: a poor rating opens one owned by the case's officer with the
/// item's deadline; the officer follows it up and closes it, or appeals and a supervisor decides; a voided rating leaves
/// the figures and stays in the journal.
/// </summary>
public sealed class when_a_rectification_is_followed_up_and_closed(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_officer_follows_up_and_closes_it_and_the_list_follows(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var id = await PoorlyRatedAsync(app, "talent-apartment");
        using var officer = app.Officer();
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        var path = $"/api/rectifications/{id}";

        var open = await officer.GetJsonAsync<PageDto<RectificationSummaryDto>>("/api/rectifications?status=open");
        var tooEarly = await officer.CommandAsync($"{path}/closure", new { result = "已整改" });
        var followed = await (await officer.CommandAsync($"{path}/follow-up", new { note = "已电话回访，申请人表示理解" }, "follow-1")).ReadAsync<CaseDto>();
        var replay = await officer.CommandAsync($"{path}/follow-up", new { note = "已电话回访，申请人表示理解" }, "follow-1");
        var closed = await (await officer.CommandAsync($"{path}/closure", new { result = "优化公寓配租流程，缩短办理时间" })).ReadAsync<CaseDto>();
        var afterClosed = await officer.CommandAsync($"{path}/follow-up", new { note = "再次回访" });
        var closedList = await supervisor.GetJsonAsync<PageDto<RectificationSummaryDto>>("/api/rectifications?status=closed");
        var stillOpen = await supervisor.GetJsonAsync<PageDto<RectificationSummaryDto>>("/api/rectifications?status=open");
        var timeline = await officer.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{id}/timeline");

        var listed = Assert.Single(open.Items);
        Assert.Equal((id, "officer", "open", 2), (listed.Id, listed.Owner, listed.State, listed.Rating));
        Assert.Equal(followed.Evaluation!.RectificationDue, listed.Due);
        Assert.Equal(listed.Due, followed.Rectification!.Due);
        Assert.Equal("no_follow_up", (await tooEarly.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("已电话回访，申请人表示理解", Assert.Single(followed.Rectification!.FollowUps).Note);
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        Assert.Equal(("closed", "优化公寓配租流程，缩短办理时间"), (closed.Rectification!.State, closed.Rectification.Result));
        Assert.Equal("rectification_closed", (await afterClosed.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(id, Assert.Single(closedList.Items).Id);
        Assert.Empty(stillOpen.Items);
        Assert.Equal(["rectification-opened", "rectification-followed-up", "rectification-closed"],
            timeline.Where(t => t.Kind.StartsWith("rectification", StringComparison.Ordinal)).Select(t => t.Kind));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_appeal_voided_by_a_supervisor_leaves_the_figures_and_stays_in_the_journal(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var id = await PoorlyRatedAsync(app, "medical-checkup");
        using var officer = app.Officer();
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        var path = $"/api/rectifications/{id}";

        var early = await supervisor.CommandAsync($"{path}/appeal/decision", new { uphold = false });
        var appealed = await (await officer.CommandAsync($"{path}/appeal", new { reason = "申请人对政策不满，非服务问题" })).ReadAsync<CaseDto>();
        var pending = await supervisor.GetJsonAsync<PageDto<RectificationSummaryDto>>("/api/rectifications?status=appealed");
        var blocked = await officer.CommandAsync($"{path}/follow-up", new { note = "回访" });
        await (await officer.CommandAsync($"{path}/follow-up", new { note = "已回访" })).ReadAsync<CaseDto>();
        var closeWhilePending = await officer.CommandAsync($"{path}/closure", new { result = "x" });
        var byOfficer = await officer.CommandAsync($"{path}/appeal/decision", new { uphold = false });
        var voided = await (await supervisor.CommandAsync($"{path}/appeal/decision", new { uphold = false })).ReadAsync<CaseDto>();
        var timeline = await supervisor.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{id}/timeline");

        Assert.Equal("no_pending_appeal", (await early.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("pending", appealed.Rectification!.Appeal!.State);
        Assert.Equal(("pending", "open"), (Assert.Single(pending.Items).Appeal, pending.Items[0].State));
        Assert.True(blocked.IsSuccessStatusCode);
        Assert.Equal("appeal_pending", (await closeWhilePending.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(403, (int)byOfficer.StatusCode);
        Assert.Equal(("voided", "closed", "supervisor"), (voided.Rectification!.Appeal!.State, voided.Rectification.State, voided.Rectification.Appeal.DecidedBy));
        Assert.Equal(2, voided.Evaluation!.Level);
        Assert.Equal(0, await app.SqlAsync($"SELECT COUNT(evaluation) FROM window_cases WHERE case_id = '{id}'"));
        Assert.Contains(timeline, t => t.Kind == "evaluated" && t.Detail == "2");
        Assert.Contains(timeline, t => t.Kind == "rating-voided" && t.Actor == "supervisor");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task bad_input_and_other_roles_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var id = await PoorlyRatedAsync(app, "medical-checkup");
        await app.AddUserAsync("officer-2", Roles.Officer);
        using var officer = app.Officer();
        var path = $"/api/rectifications/{id}";
        var before = await officer.GetJsonAsync<CaseDto>($"/api/cases/{id}");

        var blank = await officer.CommandAsync($"{path}/follow-up", new { note = "  " });
        var tooLong = await officer.CommandAsync($"{path}/closure", new { result = new string('很', TextRules.FreeTextMaxLength + 1) });
        var noDecision = await app.As("supervisor", Roles.Supervisor).CommandAsync($"{path}/appeal/decision", new { });
        var otherOfficer = await app.As("officer-2", Roles.Officer).CommandAsync($"{path}/follow-up", new { note = "回访" });
        var byDesk = await app.Desk().CommandAsync($"{path}/follow-up", new { note = "回访" });
        var badStatus = await officer.GetAsync(new Uri("/api/rectifications?status=done", UriKind.Relative));
        var byDepartment = await app.Department("health").GetAsync(new Uri("/api/rectifications", UriKind.Relative));
        var otherList = await app.As("officer-2", Roles.Officer).GetJsonAsync<PageDto<RectificationSummaryDto>>("/api/rectifications");

        Assert.Equal("note", Field(await blank.ProblemAsync(400)));
        Assert.Equal("result", Field(await tooLong.ProblemAsync(400)));
        Assert.Equal("uphold", Field(await noDecision.ProblemAsync(400)));
        Assert.Equal(403, (int)otherOfficer.StatusCode);
        Assert.Equal(403, (int)byDesk.StatusCode);
        Assert.Equal("status", Field(await badStatus.ProblemAsync(400)));
        Assert.Equal(403, (int)byDepartment.StatusCode);
        Assert.Empty(otherList.Items);
        Assert.Equal(before.Version, (await officer.GetJsonAsync<CaseDto>($"/api/cases/{id}")).Version);
    }

    /// <summary>A case of <paramref name="item"/> owned by "officer", completed, delivered and rated 2 (差评).</summary>
    private static async Task<string> PoorlyRatedAsync(WindowApp app, string item)
    {
        using var desk = app.Desk();
        var opened = await desk.OpenAsync(item);
        Assert.Equal("officer", opened.Officer);
        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(3));
        await (await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "post" })).ReadAsync<CaseDto>();
        await (await desk.CommandAsync($"/api/cases/{opened.Id}/evaluation", new { level = 2, comment = "等太久" })).ReadAsync<CaseDto>();
        return opened.Id;
    }

    private static string? Field(JsonElement problem) => problem.GetProperty("field").GetString();
}
