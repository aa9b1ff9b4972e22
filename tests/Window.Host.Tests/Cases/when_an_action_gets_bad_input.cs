using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// Every action a screen offers, given bad input through the API: a problem (RFC 9457) naming the field the page marks,
/// and the case unchanged (its version and timeline as before).
/// </summary>
public sealed class when_an_action_gets_bad_input(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Step = "medical-checkup.checkup-arrangement";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task every_action_on_an_open_case_names_the_field_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Window.Contracts.Roles.Officer);
        using var health = app.Department("health");
        using var supervisor = app.As("supervisor", Window.Contracts.Roles.Supervisor);
        var before = await desk.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var timelineBefore = await desk.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        var tooLong = new string('长', 501);
        var id = opened.Id;

        var refusals = new (string Field, int Status, Task<HttpResponseMessage> Request)[]
        {
            ("reason", 400, officer.CommandAsync($"/api/cases/{id}/talent/reveal", new { field = "phone" })),
            ("reason", 400, officer.CommandAsync($"/api/cases/{id}/talent/reveal", new { field = "phone", reason = "  " })),
            ("field", 400, officer.CommandAsync($"/api/cases/{id}/talent/reveal", new { field = "salary", reason = "好奇" })),
            ("reason", 400, desk.CommandAsync($"/api/cases/{id}/withdrawal", new { })),
            ("reason", 400, desk.CommandAsync($"/api/cases/{id}/withdrawal", new { reason = tooLong })),
            ("purpose", 400, desk.CommandAsync($"/api/cases/{id}/visits", new { purpose = "来访\u202E" })),
            ("level", 400, desk.CommandAsync($"/api/cases/{id}/evaluation", new { level = 0 })),
            ("comment", 400, desk.CommandAsync($"/api/cases/{id}/evaluation", new { level = 4, comment = tooLong })),
            ("officer", 400, supervisor.CommandAsync($"/api/cases/{id}/officer", new { officer = " " })),
            ("outcome", 400, health.CommandAsync($"/api/cases/{id}/steps/{Step}/complete", new { outcome = "maybe" })),
            ("reason", 400, health.CommandAsync($"/api/cases/{id}/steps/{Step}/complete", new { outcome = "reject" })),
            ("missing", 400, health.CommandAsync($"/api/cases/{id}/steps/{Step}/complete", new { outcome = "return" })),
            ("reason", 400, health.CommandAsync($"/api/cases/{id}/steps/{Step}/complete", new { outcome = "approve", reason = tooLong })),
        };

        foreach (var (field, status, request) in refusals)
        {
            var problem = await (await request).ProblemAsync(status);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        // Out of order rather than malformed: a delivery before every item is decided is a conflict, not a change.
        var early = await (await desk.CommandAsync($"/api/cases/{id}/delivery", new { method = "post" })).ProblemAsync(409);
        Assert.Equal("not_decided", early.GetProperty("code").GetString());
        var after = await desk.GetJsonAsync<CaseDto>($"/api/cases/{id}");
        var timelineAfter = await desk.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{id}/timeline");
        Assert.Equal((before.Version, before.Status, before.Trips, before.Officer), (after.Version, after.Status, after.Trips, after.Officer));
        Assert.Equal(timelineBefore.Count, timelineAfter.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_completed_case_refuses_an_unknown_delivery_method_and_a_bad_rating_and_stays_completed(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");
        await (await app.Department("health").CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
        var before = await desk.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");

        var method = await (await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "teleport" })).ProblemAsync(400);
        var level = await (await desk.CommandAsync($"/api/cases/{opened.Id}/evaluation", new { level = 6, comment = "很好" })).ProblemAsync(400);
        var withdrawal = await (await desk.CommandAsync($"/api/cases/{opened.Id}/withdrawal", new { reason = "不想要了" })).ProblemAsync(409);

        Assert.Equal("method", method.GetProperty("field").GetString());
        Assert.Equal("level", level.GetProperty("field").GetString());
        Assert.Equal("case_closed", withdrawal.GetProperty("code").GetString());
        var after = await desk.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        Assert.Equal((before.Version, "completed", (EvaluationDto?)null, (DateTimeOffset?)null), (after.Version, after.Status, after.Evaluation, after.DeliveredAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_reveal_answers_the_value_once_and_journals_who_which_field_and_why(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Window.Contracts.Roles.Officer);

        var response = await officer.CommandAsync($"/api/cases/{opened.Id}/talent/reveal", new { field = "phone", reason = "电话通知补正材料" });
        var revealed = await response.ReadAsync<RevealedDto>();
        var timeline = await officer.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        var view = await officer.GetStringAsync(new Uri($"/api/cases/{opened.Id}", UriKind.Relative));

        Assert.Equal(("phone", "13812345678"), (revealed.Field, revealed.Value));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var entry = timeline.Last();
        Assert.Equal(("personal-data-revealed", opened.Officer, "phone:电话通知补正材料"), (entry.Kind, entry.Actor, entry.Detail));
        Assert.DoesNotContain("13812345678", view, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("13812345678", StringComparison.Ordinal));
    }
}
