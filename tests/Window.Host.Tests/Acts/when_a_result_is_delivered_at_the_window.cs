using System.Text.Json;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using TestApi = Window.Host.Tests.Cases.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Acts;

/// <summary>
/// Delivery (出件, issue 20 item 8) through the API: the method (window, post, online) and, at the window, who collected it;
/// a proxy's ID number is shown masked and never stored, journaled or logged in clear.
/// </summary>
public sealed class when_a_result_is_delivered_at_the_window(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_proxy_collects_it_and_is_shown_masked_only(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");
        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(5));
        var proxyId = TestApi.NewIdNumber();
        var body = new { method = "window", collector = "proxy", proxy = new { name = "李四", idNumber = proxyId } };

        var delivered = await (await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", body, "deliver-1")).ReadAsync<CaseDto>();
        var replay = await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", body, "deliver-1");
        var timeline = await desk.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.Equal(("delivered", 2), (delivered.Status, delivered.Trips));
        Assert.Equal(new DeliveryDto("in-person", "proxy", "李*", proxyId[..3] + "***********" + proxyId[^4..]), delivered.Delivery);
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        Assert.Equal("in-person:proxy", timeline.Single(t => t.Kind == "delivered").Detail);
        Assert.Equal(0, await app.SqlAsync($"SELECT COUNT(*) FROM window_case_events WHERE detail LIKE '%{proxyId[^6..]}%' OR detail LIKE '%李四%'"));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(proxyId, StringComparison.Ordinal) || line.Contains("李四", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_talent_collects_it_in_person_by_default_and_post_has_no_collector(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var atWindow = await desk.OpenAsync("medical-checkup");
        var byPost = await desk.OpenAsync("medical-checkup");
        await Journeys.CompleteEveryStepAsync(app, atWindow.Id, new Random(5));
        await Journeys.CompleteEveryStepAsync(app, byPost.Id, new Random(5));

        var collected = await (await desk.CommandAsync($"/api/cases/{atWindow.Id}/delivery", new { method = "window" })).ReadAsync<CaseDto>();
        var posted = await (await desk.CommandAsync($"/api/cases/{byPost.Id}/delivery", new { method = "post" })).ReadAsync<CaseDto>();

        Assert.Equal(new DeliveryDto("in-person", "talent", null, null), collected.Delivery);
        Assert.Equal(new DeliveryDto("post", null, null, null), posted.Delivery);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_proxy_without_a_valid_id_number_or_a_collector_by_post_is_refused(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");
        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(5));
        var path = $"/api/cases/{opened.Id}/delivery";

        var noProxy = await desk.CommandAsync(path, new { method = "window", collector = "proxy" });
        var valid = TestApi.NewIdNumber();
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var badId = await desk.CommandAsync(path, new { method = "window", collector = "proxy", proxy = new { name = "李四", idNumber = wrongCheck } });
        var badCollector = await desk.CommandAsync(path, new { method = "window", collector = "neighbour" });
        var postCollector = await desk.CommandAsync(path, new { method = "post", collector = "talent" });
        var badMethod = await desk.CommandAsync(path, new { method = "pigeon" });

        Assert.Equal("proxy.name", Field(await noProxy.ProblemAsync(400)));
        var idProblem = await badId.ProblemAsync(400);
        Assert.Equal(("proxy.idNumber", "id_number_check"), (Field(idProblem), idProblem.GetProperty("code").GetString()));
        Assert.Equal("collector", Field(await badCollector.ProblemAsync(400)));
        Assert.Equal("collector", Field(await postCollector.ProblemAsync(400)));
        Assert.Equal("method", Field(await badMethod.ProblemAsync(400)));
        Assert.Equal("completed", (await desk.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}")).Status);
    }

    private static string? Field(JsonElement problem) => problem.GetProperty("field").GetString();
}
