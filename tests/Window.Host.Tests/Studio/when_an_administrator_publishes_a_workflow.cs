using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Host.Tests.Sla;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Studio;

/// <summary>
/// Issue 25 through HTTP on both databases: drafts with problems naming their JSON paths, publication without a restart, versions
/// in the export format, retraction, running cases on their own version to completion, a new item on a new department, and the
/// start-up check that refuses a store that lost a version an open case uses.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_an_administrator_publishes_a_workflow(PostgresServer postgres) : IDisposable
{
    private const string Item = "medical-checkup";
    private const string Step = "medical-checkup.checkup-arrangement";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_published_version_opens_new_cases_at_once_while_running_cases_keep_theirs_to_completion(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var admin = app.As("admin", Roles.Administrator);
        var desk = app.Desk();
        using var health = app.Department("health");
        var items = await admin.GetJsonAsync<JsonElement>("/api/admin/workflows");
        Assert.Equal(1, items.EnumerateArray().Single(i => i.GetProperty("id").GetString() == Item).GetProperty("currentVersion").GetInt32());
        await (await desk.GetAsync(new Uri("/api/admin/workflows", UriKind.Relative))).ProblemAsync(403);
        var before = await desk.OpenAsync(Item);
        Assert.Equal(1, before.Items.Single().Version);

        // The stored seed is the file's definition, in the export format.
        var exported = await admin.GetStringAsync(new Uri($"/api/admin/workflows/{Item}/versions/1", UriKind.Relative));
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Join(RepositoryPaths.Root, "workflows", $"{Item}.json")))!;
        Assert.True(JsonNode.DeepEquals(file, JsonNode.Parse(exported)));

        // A draft with problems is kept, and its problems name their paths; publishing it is refused with them.
        var broken = Edit(exported, json =>
        {
            json["steps"]![0]!["limitDays"] = 9;
            json["steps"]![0]!["department"] = "nowhere";
        });
        var created = await PostTextAsync(admin, $"/api/admin/workflows/{Item}/drafts", broken, "draft-1");
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadAsync<JsonElement>();
        var draftId = draft.GetProperty("draftId").GetString();
        var paths = draft.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.steps[0].limitDays", paths);
        Assert.Contains("$.steps[0].department", paths);
        var retried = await (await PostTextAsync(admin, $"/api/admin/workflows/{Item}/drafts", broken, "draft-1")).ReadAsync<JsonElement>();
        Assert.Equal(draftId, retried.GetProperty("draftId").GetString());
        var refused = await (await admin.CommandAsync($"/api/admin/workflows/{Item}/drafts/{draftId}/publish", null)).ProblemAsync(422);
        Assert.Contains(refused.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == "$.steps[0].limitDays");
        Assert.Equal(1, (await desk.OpenAsync(Item)).Items.Single().Version);

        // Fixed and published: version 2, at once, without a restart; a retried publication answers the same version.
        var fixedText = Edit(exported, json => json["steps"]![0]!["limitDays"] = 2);
        var saved = await (await PutTextAsync(admin, $"/api/admin/workflows/{Item}/drafts/{draftId}", fixedText)).ReadAsync<JsonElement>();
        Assert.Empty(saved.GetProperty("problems").EnumerateArray());
        var publish = await admin.CommandAsync($"/api/admin/workflows/{Item}/drafts/{draftId}/publish", null, "publish-1");
        Assert.Equal(System.Net.HttpStatusCode.Created, publish.StatusCode);
        Assert.Equal(2, (await publish.ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, (await (await admin.CommandAsync($"/api/admin/workflows/{Item}/drafts/{draftId}/publish", null, "publish-1")).ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
        var after = await desk.OpenAsync(Item);
        Assert.Equal(2, after.Items.Single().Version);
        var catalog = await desk.GetJsonAsync<JsonElement>("/api/catalog");
        var step = catalog.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == Item).GetProperty("steps")[0];
        Assert.Equal(2, step.GetProperty("limitDays").GetInt32());
        var versions = await admin.GetJsonAsync<JsonElement>($"/api/admin/workflows/{Item}/versions");
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        // Export → import → export is the same bytes.
        var two = await admin.GetStringAsync(new Uri($"/api/admin/workflows/{Item}/versions/2", UriKind.Relative));
        var reimport = await (await PostTextAsync(admin, $"/api/admin/workflows/{Item}/drafts", two, "draft-2")).ReadAsync<JsonElement>();
        var three = await admin.CommandAsync($"/api/admin/workflows/{Item}/drafts/{reimport.GetProperty("draftId").GetString()}/publish", null);
        Assert.Equal(3, (await three.ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(two.Replace("\"version\": 2,", "\"version\": 3,", StringComparison.Ordinal),
            await admin.GetStringAsync(new Uri($"/api/admin/workflows/{Item}/versions/3", UriKind.Relative)));

        // Retracting 3 and 2 sends new cases back to 1; the cases already on 1 and 2 run to completion on theirs.
        Assert.True((await admin.CommandAsync($"/api/admin/workflows/{Item}/versions/3/retraction", null)).IsSuccessStatusCode);
        Assert.True((await admin.CommandAsync($"/api/admin/workflows/{Item}/versions/2/retraction", null)).IsSuccessStatusCode);
        await (await admin.CommandAsync($"/api/admin/workflows/{Item}/versions/9/retraction", null)).ProblemAsync(404);
        Assert.Equal(1, (await desk.OpenAsync(Item)).Items.Single().Version);
        foreach (var running in new[] { before, after })
        {
            var done = await (await health.CommandAsync($"/api/cases/{running.Id}/steps/{Step}/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
            Assert.Equal("completed", done.Status);
            Assert.Equal(running.Items.Single().Version, done.Items.Single().Version);
        }

        // A new department, and a new item with three departments in parallel on it, open cases at once.
        Assert.True((await admin.PutAsync("/api/admin/departments/civil-affairs", new { nameZh = "民政局", nameEn = "Civil Affairs Bureau" }, "dept-1")).IsSuccessStatusCode);
        var newItem = Edit(exported, json =>
        {
            json["id"] = "elder-care-subsidy";
            json["name"] = new JsonObject { ["zh"] = "人才父母养老补贴", ["en"] = "Elder care subsidy for talents' parents" };
            json["steps"] = new JsonArray(
                Review("civil-affairs-review", "civil-affairs"), Review("finance-review", "finance"), Review("health-review", "health"));
        });
        var newDraft = await (await PostTextAsync(admin, "/api/admin/workflows/elder-care-subsidy/drafts", newItem, "draft-3")).ReadAsync<JsonElement>();
        Assert.Empty(newDraft.GetProperty("problems").EnumerateArray());
        var first = await admin.CommandAsync($"/api/admin/workflows/elder-care-subsidy/drafts/{newDraft.GetProperty("draftId").GetString()}/publish", null);
        Assert.Equal(1, (await first.ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
        var opened = await desk.OpenAsync("elder-care-subsidy");
        Assert.Equal(["civil-affairs", "finance", "health"], opened.Steps.Select(s => s.Department!).Order(StringComparer.Ordinal));
        Assert.Contains(opened.Steps, s => s.Status == "ready" && s.Department == "civil-affairs");

        // Declared intake data reaches the conditions: a mid-year transfer skips the wait for the yearly placement batch.
        using var education = app.Department("education");
        var transfer = await OpenSchoolEnrollmentAsync(desk, new Dictionary<string, object> { ["transferMidYear"] = true });
        var yearly = await OpenSchoolEnrollmentAsync(desk, new Dictionary<string, object>());
        var statuses = new List<string>();
        foreach (var school in new[] { transfer, yearly })
        {
            var decided = await (await education.CommandAsync($"/api/cases/{school.Id}/steps/school-enrollment.eligibility-review/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
            statuses.Add(decided.Steps.Single(s => s.StepId == "placement-batch").Status);
        }

        Assert.Equal("skipped", statuses[0]);
        Assert.NotEqual("skipped", statuses[1]);
        var wrongType = await desk.CommandAsync("/api/cases", await OpeningAsync(desk, new Dictionary<string, object> { ["transferMidYear"] = "yes" }));
        Assert.Equal("data.transferMidYear", (await wrongType.ProblemAsync(400)).GetProperty("field").GetString());
        var undeclared = await desk.CommandAsync("/api/cases", await OpeningAsync(desk, new Dictionary<string, object> { ["hasPhd"] = true }));
        Assert.Equal("data.hasPhd", (await undeclared.ProblemAsync(400)).GetProperty("field").GetString());

        // A store that lost a version an open case uses stops the next start, naming it.
        var third = await desk.OpenAsync(Item);
        await app.SqlAsync($"DELETE FROM window_workflow_versions WHERE item_id = '{Item}' AND version = {third.Items.Single().Version}");
        var failure = await Assert.ThrowsAnyAsync<Exception>(app.RestartAsync);
        Assert.Contains($"{Item} v1", Flatten(failure), StringComparison.Ordinal);
    }

    private static async Task<CaseDto> OpenSchoolEnrollmentAsync(HttpClient desk, Dictionary<string, object> data) =>
        await (await desk.CommandAsync("/api/cases", await OpeningAsync(desk, data))).ReadAsync<CaseDto>();

    private static async Task<object> OpeningAsync(HttpClient desk, Dictionary<string, object> data)
    {
        var materials = (await desk.ChecklistAsync("school-enrollment")).Where(m => m.Required).Select(m => m.Id).ToList();
        return new { talent = Cases.Api.Talent(), items = new[] { "school-enrollment" }, materials, deferred = Array.Empty<object>(), data };
    }

    private static JsonObject Review(string id, string department) => new()
    {
        ["id"] = id,
        ["kind"] = "review",
        ["department"] = department,
        ["name"] = new JsonObject { ["zh"] = $"{department} 审核", ["en"] = $"{department} review" },
        ["limitDays"] = 3,
        ["outcomes"] = new JsonArray(new JsonObject { ["outcome"] = "approve" }, new JsonObject { ["outcome"] = "reject" }),
    };

    private static string Edit(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static async Task<HttpResponseMessage> PostTextAsync(HttpClient client, string path, string json, string key) =>
        await SendTextAsync(client, HttpMethod.Post, path, json, key);

    private static async Task<HttpResponseMessage> PutTextAsync(HttpClient client, string path, string json) =>
        await SendTextAsync(client, HttpMethod.Put, path, json, Guid.NewGuid().ToString());

    private static async Task<HttpResponseMessage> SendTextAsync(HttpClient client, HttpMethod method, string path, string json, string key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyGate.Header, key);
        return await client.SendAsync(request);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten)) : exception.ToString();
}
