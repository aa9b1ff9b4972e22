using System.Net;
using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

public sealed class when_commands_are_retried(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_change_without_an_idempotency_key_is_a_400(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();

        var response = await desk.PostAsync(new Uri("/api/cases", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { talent = Api.Talent(), items = new[] { "medical-checkup" }, materials = new[] { "identity-card", "health-questionnaire" }, deferred = Array.Empty<object>() }));

        Assert.Equal(IdempotencyGate.Header, (await response.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal(0, (await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases")).Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_same_key_and_body_replay_the_first_response_with_one_effect(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var body = new { talent = Api.Talent(), items = new[] { "medical-checkup" }, materials = new[] { "identity-card", "health-questionnaire" }, deferred = Array.Empty<object>() };

        var first = await desk.CommandAsync("/api/cases", body, "open-1");
        var again = await desk.CommandAsync("/api/cases", body, "open-1");
        var opened = await first.ReadAsync<CaseDto>();
        var visit = await app.Officer().CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "补交材料" }, "visit-1");
        var visitAgain = await app.Officer().CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "补交材料" }, "visit-1");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.True(again.Headers.Contains(IdempotencyGate.ReplayedHeader));
        Assert.Equal(await visit.Content.ReadAsStringAsync(), await visitAgain.Content.ReadAsStringAsync());
        var final = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        Assert.Equal(2, final.Trips);
        Assert.Equal(1, (await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases")).Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_same_key_with_another_body_is_a_422_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.Officer();
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "咨询" }, "k-1")).ReadAsync<CaseDto>();

        var reused = await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "另一件事" }, "k-1");

        Assert.Equal("idempotency_key_reused", (await reused.ProblemAsync(422)).GetProperty("code").GetString());
        Assert.Equal(2, (await officer.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}")).Trips);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task duplicates_arriving_together_get_409_or_the_replay_and_have_one_effect(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.Officer();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "现场咨询" }, "same-visit")));

        Assert.All(responses, response => Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, response.StatusCode.ToString()));
        Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.OK);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("request_in_progress", (await conflict.ProblemAsync(409)).GetProperty("code").GetString());
        }

        Assert.Equal(2, (await officer.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}")).Trips);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_hundred_concurrent_completions_of_one_step_take_effect_once(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var health = app.Department("health");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            health.CommandAsync($"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "approve" })));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        Assert.Single(timeline, entry => entry.Kind == "step-completed");
    }
}
