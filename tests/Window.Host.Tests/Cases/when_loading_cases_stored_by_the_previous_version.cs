using System.Text.Json;
using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// Stored data outlives code: a data folder written by an earlier build (<c>tests/fixtures/previous-version</c>) opens
/// on today's host, which migrates it, and its cases read and continue.
/// </summary>
public sealed class when_loading_cases_stored_by_the_previous_version(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("c08f968")]
    public async Task every_case_reads_as_it_was_left_and_continues(string version)
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "previous-version", version);
        CopyFolder(source, folder.Path);
        var ids = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(source, "cases.json")))!;
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var officer = app.Officer();

        var open = await officer.GetJsonAsync<CaseDto>($"/api/cases/{ids["open"]}");
        Assert.Equal(("RC-2026-000001", "open", "ready"), (open.Number, open.Status, open.Steps.Single().Status));
        Assert.Equal("2026-12-07", DateQuery.Format(open.PromisedBy));
        var rated = await officer.GetJsonAsync<CaseDto>($"/api/cases/{ids["rated"]}");
        Assert.Equal(("delivered", 2), (rated.Status, rated.Evaluation?.Level));
        Assert.NotNull(rated.Evaluation?.RectificationDue);

        // Issue 20: its rectification, opened before rectifications had an owner or a record, is listed, followed up and closed.
        Assert.Null(rated.Rectification);
        var rectifications = await app.As("supervisor", Window.Contracts.Roles.Supervisor).GetJsonAsync<PageDto<RectificationSummaryDto>>("/api/rectifications?status=open");
        Assert.Contains(rectifications.Items, r => r.Id == ids["rated"] && r.Due == rated.Evaluation!.RectificationDue);
        var owner = app.As(rated.Officer, Window.Contracts.Roles.Officer);
        var followed = await (await owner.CommandAsync($"/api/rectifications/{ids["rated"]}/follow-up", new { note = "已电话回访" })).ReadAsync<CaseDto>();
        Assert.Equal((rated.Officer, rated.Evaluation!.RectificationDue!.Value), (followed.Rectification!.Owner, followed.Rectification.Due));
        var closed = await (await owner.CommandAsync($"/api/rectifications/{ids["rated"]}/closure", new { result = "已整改" })).ReadAsync<CaseDto>();
        Assert.Equal("closed", closed.Rectification!.State);

        // The encrypted identity was sealed with the stored master key: an audited reveal still opens it.
        var revealed = await (await officer.CommandAsync($"/api/cases/{ids["open"]}/talent/reveal", new { field = "name", reason = "核对姓名" })).ReadAsync<RevealedDto>();
        Assert.Equal("张三丰", revealed.Value);

        // The part-way case continues: finance pays, and the case completes.
        var finance = app.Department("finance");
        Assert.True((await finance.CommandAsync($"/api/cases/{ids["claimed"]}/steps/living-allowance.finance-payment/claim", null)).IsSuccessStatusCode);
        var paid = await (await finance.CommandAsync($"/api/cases/{ids["claimed"]}/steps/living-allowance.finance-payment/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
        Assert.Equal("completed", paid.Status);

        // The returned case takes its supplement and goes back to the health clerk who claimed it.
        var supplied = await (await officer.CommandAsync($"/api/cases/{ids["returned"]}/supplements", new { materials = new[] { "health-questionnaire" } })).ReadAsync<CaseDto>();
        Assert.Equal("claimed", supplied.Steps.Single().Status);

        // The bundle's ready steps show in the departments' queues (the read model written by the old version) and move on.
        var hrssQueue = await app.Department("hrss").GetJsonAsync<JsonElement>("/api/departments/hrss/queue");
        Assert.Contains(hrssQueue.GetProperty("items").EnumerateArray(), e => e.GetProperty("caseId").GetString() == ids["bundle"]);
        var bundle = await officer.GetJsonAsync<CaseDto>($"/api/cases/{ids["bundle"]}");
        Assert.Equal(("RC-2026-000005", "open"), (bundle.Number, bundle.Status));
        Assert.Contains(bundle.Steps, s => s.Status == "ready");
        var timeline = await officer.GetJsonAsync<JsonElement>($"/api/cases/{ids["claimed"]}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "visit");

        // Cases stored before the administrative acts (issue 20) have none: a statutory date, not suspended, no extensions;
        // the returned step of the old build has no supplement day of its own; and the acts work on them.
        Assert.Equal(new DateOnly(2026, 12, 28), open.Acts!.StatutoryBy);
        Assert.Equal((false, 0), (open.Acts.Suspended, open.Acts.Extensions.Count));
        var suspended = await (await officer.CommandAsync($"/api/cases/{ids["open"]}/suspension", new { reason = "等待裁定" })).ReadAsync<CaseDto>();
        Assert.True(suspended.Acts!.Suspended);
        var extended = await (await officer.CommandAsync($"/api/cases/{ids["bundle"]}/extension", new { days = 3, reason = "需专家论证" })).ReadAsync<CaseDto>();
        Assert.Equal("pending", Assert.Single(extended.Acts!.Extensions).Status);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
