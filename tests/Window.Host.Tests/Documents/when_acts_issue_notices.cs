using Window.Contracts;
using Window.Host.Api;
using Window.Host.Documents;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Documents;

/// <summary>
/// The acts' notices (issue 20): an approved extension issues a 延长办理期限告知书 with the reason, the days and the new
/// statutory date; a suspension a 中止办理告知书; a termination a 终止办理告知书 with the rights of review, and no
/// completion notice. Each numbered and read back from its PDF.
/// </summary>
public sealed class when_acts_issue_notices(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task extension_suspension_and_termination_each_leave_a_numbered_notice(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var supervisor = app.As("supervisor", Roles.Supervisor);
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/extension", new { days = 5, reason = "需组织专家论证" })).ReadAsync<CaseDto>();
        var extended = await (await supervisor.CommandAsync($"/api/cases/{opened.Id}/extension/decision", new { approve = true })).ReadAsync<CaseDto>();
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/suspension", new { reason = "等待法院裁定" })).ReadAsync<CaseDto>();
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/resumption", new { })).ReadAsync<CaseDto>();
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/termination", new { reason = "申请人已离开本市" })).ReadAsync<CaseDto>();

        var documents = await officer.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents");
        var texts = new Dictionary<string, string>();
        foreach (var document in documents)
        {
            using var response = await officer.GetAsync(new Uri($"/api/cases/{opened.Id}/documents/{document.Id}", UriKind.Relative));
            texts[document.Kind] = Flat(await PdfTools.TextAsync(await response.Content.ReadAsByteArrayAsync()));
        }

        Assert.Equal([DocumentKinds.Acceptance, "extension", "suspension", "termination"], documents.Select(d => d.Kind));
        Assert.Equal(["延长办理期限告知书", "中止办理告知书", "终止办理告知书"], documents.Skip(1).Select(d => d.Title.Zh));
        Assert.Equal(["衢人才延〔2026〕1号", "衢人才止〔2026〕1号", "衢人才终〔2026〕1号"], documents.Skip(1).Select(d => d.Number));
        var by = extended.Acts!.StatutoryBy!.Value;
        Assert.Contains("需组织专家论证", texts["extension"]);
        Assert.Contains("延长5个工作日", texts["extension"]);
        Assert.Contains($"{by.Year}年{by.Month}月{by.Day}日", texts["extension"]);
        Assert.Contains("第四十二条", texts["extension"]);
        Assert.Contains("等待法院裁定", texts["suspension"]);
        Assert.Contains("申请人已离开本市", texts["termination"]);
        Assert.Contains("行政复议", texts["termination"]);
        Assert.All(texts.Values, text => Assert.DoesNotContain("13812345678", text));
    }

    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
