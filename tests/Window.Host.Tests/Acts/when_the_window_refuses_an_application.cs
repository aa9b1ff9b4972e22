using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using TestApi = Window.Host.Tests.Cases.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Acts;

/// <summary>
/// Refusal at the window (不予受理, issue 20 item 1) through the API: a numbered record of its own with every reason,
/// listed for supervisors with the talent masked; bad input names its field and stores nothing.
/// </summary>
public sealed class when_the_window_refuses_an_application(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_desk_records_a_numbered_refusal_with_every_reason_and_a_supervisor_lists_it(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var idNumber = TestApi.NewIdNumber();
        var body = new
        {
            talent = TestApi.Talent(idNumber),
            items = new[] { "housing-subsidy" },
            reasons = new object[] { new { id = "subsidy-already-granted" }, new { text = "已在外市领取同类补贴" } },
        };

        var first = await desk.CommandAsync("/api/refusals", body, "refuse-1");
        var created = await first.ReadAsync<RefusalCreatedDto>();
        var replay = await desk.CommandAsync("/api/refusals", body, "refuse-1");
        var second = await (await desk.CommandAsync("/api/refusals", body with { }, "refuse-2")).ReadAsync<RefusalCreatedDto>();
        var page = await app.As("supervisor", Roles.Supervisor).GetJsonAsync<PageDto<RefusalDto>>("/api/refusals?page=1");
        var byDesk = await desk.GetAsync(new Uri("/api/refusals", UriKind.Relative));

        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal("BY-2026-000001", created.Number);
        Assert.Equal("BY-2026-000002", second.Number);
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyGate.ReplayedHeader).Single());
        Assert.Equal(created, await replay.ReadAsync<RefusalCreatedDto>());
        Assert.Equal(2, page.Total);
        var listed = page.Items.Single(r => r.Id == created.Id);
        Assert.Equal(("张**", idNumber[..3] + "***********" + idNumber[^4..]), (listed.TalentName, listed.TalentIdNumber));
        Assert.Equal("购房补贴", listed.Items.Single().Name.Zh);
        Assert.Equal(["已领取过购房补贴", null], listed.Reasons.Select(r => r.Name?.Zh));
        Assert.Equal([null, "已在外市领取同类补贴"], listed.Reasons.Select(r => r.Text));
        Assert.Equal(403, (int)byDesk.StatusCode);
        Assert.Equal(2, await app.SqlAsync("SELECT COUNT(*) FROM window_refusals"));
        Assert.Equal(0, await app.SqlAsync($"SELECT COUNT(*) FROM window_refusals WHERE items LIKE '%{idNumber}%' OR reasons LIKE '%{idNumber}%'"));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(idNumber, StringComparison.Ordinal));

        // The 不予受理决定书: numbered by the documents mechanism, every reason, the rights of review and suit, the ID masked.
        Assert.NotNull(created.DocumentId);
        Assert.Equal(created.DocumentId, listed.DocumentId);
        var pdf = await app.As("supervisor", Roles.Supervisor).GetAsync(new Uri($"/api/refusals/{created.Id}/document", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await Documents.PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("不予受理决定书", text, StringComparison.Ordinal);
        Assert.Contains("衢人才不受〔2026〕1号", text, StringComparison.Ordinal);
        Assert.Contains("已领取过购房补贴", text, StringComparison.Ordinal);
        Assert.Contains("已在外市领取同类补贴", text, StringComparison.Ordinal);
        Assert.Contains("行政复议", text, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        Assert.Equal(403, (int)(await app.Officer().GetAsync(new Uri($"/api/refusals/{created.Id}/document", UriKind.Relative))).StatusCode);
        var today = DateOnly.FromDateTime(WindowApp.Start.DateTime);
        var refusals = app.Services.GetRequiredService<Window.Host.Cases.RefusalService>();
        Assert.Equal(2, await refusals.CountAsync(today, today));
        Assert.Equal(0, await refusals.CountAsync(today.AddDays(1), today.AddDays(7)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task bad_input_names_its_field_and_stores_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var talent = TestApi.Talent();

        var noReasons = await desk.CommandAsync("/api/refusals", new { talent, items = new[] { "housing-subsidy" }, reasons = Array.Empty<object>() });
        var foreignReason = await desk.CommandAsync("/api/refusals", new { talent, items = new[] { "housing-subsidy" }, reasons = new[] { new { id = "already-housed" } } });
        var emptyReason = await desk.CommandAsync("/api/refusals", new { talent, items = new[] { "housing-subsidy" }, reasons = new[] { new { text = " " } } });
        var unknownItem = await desk.CommandAsync("/api/refusals", new { talent, items = new[] { "no-such-item" }, reasons = new[] { new { text = "x" } } });
        var badId = await desk.CommandAsync("/api/refusals", new { talent = new { name = "张三", idNumber = "123", phone = "13812345678", tier = "C" }, items = new[] { "housing-subsidy" }, reasons = new[] { new { text = "x" } } });
        var byOfficer = await app.Officer().CommandAsync("/api/refusals", new { talent, items = new[] { "housing-subsidy" }, reasons = new[] { new { text = "x" } } });

        Assert.Equal("reasons", Field(await noReasons.ProblemAsync(400)));
        Assert.Equal("reasons[0].id", Field(await foreignReason.ProblemAsync(400)));
        Assert.Equal("reasons[0]", Field(await emptyReason.ProblemAsync(400)));
        Assert.Equal("items", Field(await unknownItem.ProblemAsync(400)));
        Assert.Equal("talent.idNumber", Field(await badId.ProblemAsync(400)));
        Assert.Equal(403, (int)byOfficer.StatusCode);
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_refusals"));
    }

    private static string? Field(JsonElement problem) => problem.GetProperty("field").GetString();
}
