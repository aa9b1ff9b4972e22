using Microsoft.Extensions.DependencyInjection;
using Window.Host.Api;
using Window.Host.Hosting;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Testing;

namespace Window.Host.Tests.Cases;

public sealed class when_commands_change_a_case(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_step_returned_for_supplement_resumes_when_the_officer_records_the_materials(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("talent-apartment");
        using var housing = app.Department("housing");
        const string step = "talent-apartment.eligibility-review";

        var returned = await (await housing.CommandAsync($"/api/cases/{opened.Id}/steps/{step}/complete",
            new { outcome = "return", missing = new[] { "marriage-certificate" }, reason = "请补充婚姻状况证明" })).ReadAsync<CaseDto>();
        var queueWhileReturned = (await housing.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/housing/queue")).Items;
        var supplied = await (await app.Officer().CommandAsync($"/api/cases/{opened.Id}/supplements", new { materials = new[] { "marriage-certificate" } })).ReadAsync<CaseDto>();
        var approved = await (await housing.CommandAsync($"/api/cases/{opened.Id}/steps/{step}/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();

        var returnedStep = returned.Steps.Single(s => s.Id == step);
        Assert.Equal("returned", returnedStep.Status);
        Assert.Equal(["marriage-certificate"], returnedStep.ReturnedFor);
        Assert.Null(returnedStep.DueBy);
        Assert.DoesNotContain(queueWhileReturned, entry => entry.CaseId == opened.Id);
        Assert.Equal("ready", supplied.Steps.Single(s => s.Id == step).Status);
        Assert.Equal("provided", supplied.Materials.Single(m => m.Id == "marriage-certificate").Status);
        Assert.Equal("done", approved.Steps.Single(s => s.Id == step).Status);
        Assert.Equal("ready", approved.Steps.Single(s => s.Id == "talent-apartment.allocation").Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_deferred_material_is_accepted_at_the_window_and_supplied_later(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var materials = (await desk.ChecklistAsync("talent-apartment")).Where(m => m.Required && m.Id != "housing-status").Select(m => m.Id).ToList();

        var opened = await (await desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(),
            items = new[] { "talent-apartment" },
            materials,
            deferred = new[] { new { material = "housing-status", due = "2026-11-30" } },
        })).ReadAsync<CaseDto>();
        var supplied = await (await app.Officer().CommandAsync($"/api/cases/{opened.Id}/supplements", new { materials = new[] { "housing-status" } })).ReadAsync<CaseDto>();

        var deferred = opened.Materials.Single(m => m.Id == "housing-status");
        Assert.Equal("deferred", deferred.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), deferred.Due);
        Assert.Equal("provided", supplied.Materials.Single(m => m.Id == "housing-status").Status);
        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        Assert.Contains(timeline, entry => entry.Kind == "materials-supplied" && entry.Actor == "officer");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_material_that_may_not_be_deferred_is_refused_with_nothing_created(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var materials = (await desk.ChecklistAsync("talent-apartment")).Where(m => m.Required && m.Id != "identity-card").Select(m => m.Id).ToList();

        var response = await desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(),
            items = new[] { "talent-apartment" },
            materials,
            deferred = new[] { new { material = "identity-card", due = "2026-11-30" } },
        });

        var problem = await response.ProblemAsync(422);
        Assert.Equal("deferral_not_allowed", problem.GetProperty("code").GetString());
        Assert.Equal(0, (await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases")).Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task rejecting_one_item_of_a_bundle_lets_the_others_complete_and_the_case_be_delivered(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");

        var completed = await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(11),
            step => step.ItemId == "household-registration" ? "reject" : "approve");
        var delivered = await (await app.Desk().CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "in-person" })).ReadAsync<CaseDto>();

        var rejected = completed.Items.Single(i => i.Id == "household-registration");
        Assert.Equal("rejected", rejected.Status);
        Assert.Equal("不符合条件", rejected.Reason);
        Assert.All(completed.Items.Where(i => i.Id != "household-registration"), item => Assert.Equal("approved", item.Status));
        Assert.Equal("delivered", delivered.Status);
        Assert.Equal(2, delivered.Trips);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task commands_out_of_order_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("talent-apartment");
        using var housing = app.Department("housing");

        var early = await housing.CommandAsync($"/api/cases/{opened.Id}/steps/talent-apartment.allocation/complete", new { outcome = "approve" });
        var delivery = await app.Desk().CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "post" });
        var evaluation = await app.Desk().CommandAsync($"/api/cases/{opened.Id}/evaluation", new { level = 5 });
        var unknown = await housing.CommandAsync($"/api/cases/{opened.Id}/steps/talent-apartment.nope/complete", new { outcome = "approve" });
        var otherDepartment = await app.Department("health").CommandAsync($"/api/cases/{opened.Id}/steps/talent-apartment.eligibility-review/claim", null);
        var after = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");

        Assert.Equal("step_not_ready", (await early.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("not_decided", (await delivery.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("not_completed", (await evaluation.ProblemAsync(409)).GetProperty("code").GetString());
        await unknown.ProblemAsync(404);
        await otherDepartment.ProblemAsync(404);
        Assert.Equal(opened.Version, after.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task malformed_input_is_a_400_naming_the_field(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");

        var badId = await desk.CommandAsync("/api/cases", new { talent = Api.Talent("330106199001011235"), items = new[] { "medical-checkup" }, materials = Array.Empty<string>(), deferred = Array.Empty<object>() });
        var badItem = await desk.CommandAsync("/api/cases", new { talent = Api.Talent(), items = new[] { "flying-carpet" }, materials = Array.Empty<string>(), deferred = Array.Empty<object>() });
        var badOutcome = await app.Department("health").CommandAsync($"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "maybe" });
        var noReason = await app.Department("health").CommandAsync($"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "reject" });
        var badLevel = await app.Desk().CommandAsync($"/api/cases/{opened.Id}/evaluation", new { level = 9 });
        var badFilter = await desk.GetAsync(new Uri("/api/cases?light=purple", UriKind.Relative));

        Assert.Equal("talent.idNumber", (await badId.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.DoesNotContain("330106199001011235", await badId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("items", (await badItem.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("outcome", (await badOutcome.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("reason", (await noReason.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("level", (await badLevel.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("light", (await badFilter.ProblemAsync(400)).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_second_open_case_for_the_same_item_is_refused_and_materials_on_file_are_not_asked_again(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var idNumber = Api.NewIdNumber();
        var first = await desk.OpenAsync("talent-apartment", idNumber);

        var second = await desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(idNumber),
            items = new[] { "talent-apartment" },
            materials = new[] { "identity-card", "employment-contract", "social-insurance-record", "housing-status" },
            deferred = Array.Empty<object>(),
        });
        var reused = await (await desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(idNumber),
            items = new[] { "medical-checkup" },
            materials = new[] { "health-questionnaire" },
            deferred = Array.Empty<object>(),
        })).ReadAsync<CaseDto>();

        var problem = await second.ProblemAsync(409);
        Assert.Equal("item_already_open", problem.GetProperty("code").GetString());
        Assert.Contains($"talent-apartment:{first.Id}", problem.GetProperty("details").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(first.Talent.Id, reused.Talent.Id);
        Assert.Equal("provided", reused.Materials.Single(m => m.Id == "identity-card").Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_host_restart_in_the_middle_of_a_case_loses_nothing_acknowledged(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");
        var acknowledged = await (await app.Department("health").CommandAsync($"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
        var timelineBefore = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        await app.RestartAsync();

        var after = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var timelineAfter = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        Assert.Equal(acknowledged.Version, after.Version);
        Assert.Equal("approved", after.Items.Single(i => i.Id == "medical-checkup").Status);
        Assert.Equal(timelineBefore.Select(e => (e.Seq, e.Kind, e.Step)), timelineAfter.Select(e => (e.Seq, e.Kind, e.Step)));
        var completed = await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(3));
        Assert.Equal("completed", completed.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_projection_lost_before_a_restart_is_repaired_at_start_without_anyone_touching_the_case(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        // Durable projection commits unless configured otherwise (on SQLite always).
        Assert.Equal(ProjectionCommit.Durable, app.Services.GetRequiredService<WindowSettings>().ProjectionCommit);
        var opened = await app.Desk().OpenAsync("settle-in");
        var acknowledged = await (await app.Department("health").CommandAsync(
            $"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();

        // As if the host died between the command's state write and its projection: the read model one version behind.
        await app.SqlAsync($"UPDATE window_cases SET version = version - 1 WHERE case_id = '{opened.Id}'; DELETE FROM window_steps WHERE case_id = '{opened.Id}';");

        await app.RestartAsync();

        var readModel = app.Services.GetRequiredService<IReadModel>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await readModel.VersionOfAsync(opened.Id) != acknowledged.Version && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(acknowledged.Version, await readModel.VersionOfAsync(opened.Id));
        Assert.Contains((await readModel.DepartmentQueueAsync(new QueueQuery("housing"))).Items, entry => entry.CaseId == opened.Id);
    }

    [Fact]
    public async Task projections_lost_to_a_database_crash_while_the_host_runs_are_rebuilt_with_their_journal()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.PostgreSql, postgres, folder,
            configuration: new Dictionary<string, string> { ["Window:ReadModel:Commit"] = "Deferred" });
        Assert.Equal(ProjectionCommit.Deferred, app.Services.GetRequiredService<WindowSettings>().ProjectionCommit);
        var readModel = app.Services.GetRequiredService<IReadModel>();
        Task<long> JournalAsync(string caseId) => app.SqlAsync($"SELECT COUNT(*) FROM window_case_events WHERE case_id = '{caseId}'");
        var untouched = await app.Desk().OpenAsync("settle-in");
        var touched = await app.Desk().OpenAsync("settle-in");
        var acknowledged = new Dictionary<string, (long Version, long OpenedJournal, long Journal)>();
        foreach (var opened in (CaseDto[])[untouched, touched])
        {
            var openedJournal = await JournalAsync(opened.Id);
            var version = (await (await app.Department("health").CommandAsync(
                $"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "approve" })).ReadAsync<CaseDto>()).Version;
            acknowledged[opened.Id] = (version, openedJournal, await JournalAsync(opened.Id));
            Assert.True(acknowledged[opened.Id].Journal > openedJournal);
        }

        // What a crash loses of deferred commits: both cases' last projection (row version, steps, the command's journal
        // entries), and the recovery marker (crash recovery empties unlogged tables). The grains stay active.
        foreach (var opened in (CaseDto[])[untouched, touched])
        {
            await app.SqlAsync($"""
                UPDATE window_cases SET version = version - 1 WHERE case_id = '{opened.Id}';
                DELETE FROM window_steps WHERE case_id = '{opened.Id}';
                DELETE FROM window_case_events WHERE case_id = '{opened.Id}' AND seq > {acknowledged[opened.Id].OpenedJournal};
                DELETE FROM window_recovery_marker;
                """);
        }

        // The touched case's next command finds the gap itself and sends its whole journal.
        var next = await (await app.Department("hrss").CommandAsync($"/api/cases/{touched.Id}/steps/talent-certification.hrss-review/complete",
            new { outcome = "approve" })).ReadAsync<CaseDto>();
        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{touched.Id}/timeline");
        Assert.Equal(next.Version, await readModel.VersionOfAsync(touched.Id));
        Assert.Equal(timeline.Count, await JournalAsync(touched.Id));
        Assert.True(timeline.Count > acknowledged[touched.Id].Journal);
        Assert.Contains(app.Logs.Lines, line => line.Contains($"case {touched.Id} had lost an acknowledged projection", StringComparison.Ordinal));

        // The untouched one waits for the recovery check, which finds the marker gone.
        Assert.Equal(acknowledged[untouched.Id].Version - 1, await readModel.VersionOfAsync(untouched.Id));
        Assert.Equal(acknowledged[untouched.Id].OpenedJournal, await JournalAsync(untouched.Id));
        var repair = app.Services.GetRequiredService<ProjectionRepair>();
        Assert.True(await repair.CheckRecoveryAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await repair.CheckRecoveryAsync(CancellationToken.None));
        Assert.Equal(acknowledged[untouched.Id].Version, await readModel.VersionOfAsync(untouched.Id));
        Assert.Equal(acknowledged[untouched.Id].Journal, await JournalAsync(untouched.Id));
        Assert.Contains((await readModel.DepartmentQueueAsync(new QueueQuery("housing"))).Items, entry => entry.CaseId == untouched.Id);
        Assert.Contains((await readModel.DepartmentQueueAsync(new QueueQuery("housing"))).Items, entry => entry.CaseId == touched.Id);
    }
}
