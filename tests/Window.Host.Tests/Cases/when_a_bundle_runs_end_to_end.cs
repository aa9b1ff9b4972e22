using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

public sealed class when_a_bundle_runs_end_to_end(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly string[] SettleInDepartments = ["hrss", "housing", "health", "education", "public-security"];
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_settle_in_bundle_goes_from_one_window_through_five_departments_to_one_delivery(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();

        var opened = await desk.OpenAsync("settle-in");

        Assert.Equal("open", opened.Status);
        Assert.Matches(@"^RC-2026-\d{6}$", opened.Number);
        Assert.Equal(8, opened.LookupCode.Length);
        Assert.Equal("officer", opened.Officer);
        Assert.Equal("张**", opened.Talent.Name);
        Assert.Matches(@"^330\*{11}\w{4}$", opened.Talent.IdNumber);
        Assert.Equal(5, opened.Items.Count);
        foreach (var department in SettleInDepartments)
        {
            var queue = (await app.Department(department).GetJsonAsync<PageDto<QueueEntryDto>>($"/api/departments/{department}/queue")).Items;
            Assert.Contains(queue, entry => entry.CaseId == opened.Id && entry.Department == department && entry.Light == "green" && entry.DueBy is not null);
        }

        var completed = await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(7));
        Assert.Equal("completed", completed.Status);
        Assert.All(completed.Items, item => Assert.Equal("approved", item.Status));

        var delivered = await (await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "post" })).ReadAsync<CaseDto>();
        var evaluated = await (await app.Anonymous().CommandAsync($"/api/public/cases/{opened.Number}/evaluation", new { code = opened.LookupCode, level = 5, comment = "一次都没多跑" })).ReadAsync<PublicCaseDto>();
        var final = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");

        Assert.Equal("delivered", delivered.Status);
        Assert.Equal(5, evaluated.Evaluation);
        Assert.Equal(1, final.Trips);
        Assert.Equal(5, final.Evaluation?.Level);
        var search = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?status=delivered");
        Assert.Contains(search.Items, summary => summary.Id == opened.Id);
        foreach (var department in SettleInDepartments)
        {
            var queue = (await app.Department(department).GetJsonAsync<PageDto<QueueEntryDto>>($"/api/departments/{department}/queue")).Items;
            Assert.DoesNotContain(queue, entry => entry.CaseId == opened.Id);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task missing_materials_are_all_listed_at_once_and_nothing_is_created(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var required = (await desk.ChecklistAsync("settle-in")).Where(m => m.Required && !m.Deferrable).Select(m => m.Id).ToList();

        var response = await desk.CommandAsync("/api/cases", new { talent = Api.Talent(), items = new[] { "settle-in" }, materials = Array.Empty<string>(), deferred = Array.Empty<object>() });

        var problem = await response.ProblemAsync(422);
        Assert.Equal("materials_missing", problem.GetProperty("code").GetString());
        var missing = problem.GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Superset(required.ToHashSet(), missing.ToHashSet()!);
        var all = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases");
        Assert.Equal(0, all.Total);
    }
}

/// <summary>Drives every open step of a case to approval, in a random order, letting waits elapse.</summary>
public static class Journeys
{
    public static async Task<CaseDto> CompleteEveryStepAsync(WindowApp app, string caseId, Random random, Func<CaseStepDto, string>? outcome = null)
    {
        using var officer = app.Officer();
        for (var round = 0; round < 50; round++)
        {
            var current = await officer.GetJsonAsync<CaseDto>($"/api/cases/{caseId}");
            if (current.Status != "open")
            {
                return current;
            }

            var ready = current.Steps.Where(s => s.Status is "ready" or "claimed").ToList();
            if (ready.Count == 0)
            {
                var waiting = current.Steps.Where(s => s.Status == "waiting").ToList();
                Assert.NotEmpty(waiting);
                app.Clock.SetUtcNow(waiting.Max(s => s.WaitUntil!.Value).AddMinutes(1));
                await app.Grains.GetGrain<Window.Contracts.ICaseGrain>(caseId).CatchUpAsync();
                continue;
            }

            var step = ready[random.Next(ready.Count)];
            using var department = app.Department(step.Department!);
            var queue = (await department.GetJsonAsync<PageDto<QueueEntryDto>>($"/api/departments/{step.Department}/queue")).Items;
            Assert.Contains(queue, entry => entry.CaseId == caseId && entry.StepId == step.Id);
            if (random.Next(2) == 0)
            {
                await (await department.CommandAsync($"/api/cases/{caseId}/steps/{step.Id}/claim", null)).ReadAsync<CaseDto>();
            }

            var decision = outcome?.Invoke(step) ?? "approve";
            var body = decision == "reject" ? (object)new { outcome = "reject", reason = "不符合条件" } : new { outcome = "approve" };
            await (await department.CommandAsync($"/api/cases/{caseId}/steps/{step.Id}/complete", body)).ReadAsync<CaseDto>();
        }

        throw new InvalidOperationException("The case did not complete in 50 rounds.");
    }
}
