using System.Net;
using System.Text.Json;
using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

public sealed class when_reading_the_api(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task the_openapi_document_describes_every_endpoint()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);

        // The document is for signed-in staff since issue 16; what it must describe is unchanged.
        var document = JsonDocument.Parse(await app.Desk().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
        {
            "/api/catalog", "/api/cases", "/api/cases/{id}", "/api/cases/{id}/timeline", "/api/cases/{id}/steps/{stepId}/claim",
            "/api/cases/{id}/steps/{stepId}/complete", "/api/cases/{id}/supplements", "/api/cases/{id}/visits", "/api/cases/{id}/officer",
            "/api/cases/{id}/delivery", "/api/cases/{id}/evaluation", "/api/cases/{id}/withdrawal", "/api/departments/{department}/queue",
            "/api/public/cases/{number}", "/api/cases/search",
        })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    public async Task the_catalogue_lists_items_bundles_materials_and_limits()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);

        var catalog = await app.Anonymous().GetJsonAsync<CatalogDto>("/api/catalog");

        Assert.Equal(10, catalog.Items.Count);
        var settleIn = Assert.Single(catalog.Bundles);
        Assert.Equal("settle-in", settleIn.Id);
        Assert.Equal(5, settleIn.Items.Count);
        Assert.Contains(catalog.Items, item => item.Id == "talent-apartment" && item.Materials.Any(m => m.Deferrable) && item.PromisedDays > 0);
        Assert.Equal(8, catalog.Departments.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_talent_sees_progress_with_the_right_code_and_a_404_otherwise(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");
        using var talent = app.Anonymous();

        var view = await talent.GetJsonAsync<PublicCaseDto>($"/api/public/cases/{opened.Number}?code={opened.LookupCode.ToLowerInvariant()}");
        var wrongCode = await talent.GetAsync(new Uri($"/api/public/cases/{opened.Number}?code=AAAAAAAA", UriKind.Relative));
        var wrongNumber = await talent.GetAsync(new Uri($"/api/public/cases/RC-2026-999999?code={opened.LookupCode}", UriKind.Relative));
        var raw = await (await talent.GetAsync(new Uri($"/api/public/cases/{opened.Number}?code={opened.LookupCode}", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Equal(opened.Number, view.Number);
        Assert.Equal(opened.PromisedBy, view.PromisedBy);
        Assert.Contains(view.Steps, step => step.Department?.Zh == "卫健委");
        Assert.False(view.CanEvaluate);
        await wrongCode.ProblemAsync(404);
        await wrongNumber.ProblemAsync(404);
        Assert.DoesNotContain("张", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("138", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_idempotency_key_still_replays_a_day_later(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.Officer();
        var first = await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "咨询" }, "day-old");

        app.Clock.Advance(TimeSpan.FromHours(25));
        await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "再次咨询" }, "next-day");
        var replay = await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "咨询" }, "day-old");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(3, (await officer.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}")).Trips);
    }
}
