using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Window.Host.Api;
using Window.Host.Documents;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Storage.Documents;
using Window.Testing;

namespace Window.Host.Tests.Documents;

/// <summary>
/// Issue 19: every administrative act leaves a numbered, archived PDF. One case through the API yields its acceptance
/// notice, a supplement notice and a completion notice, each a valid PDF with correct Chinese text and embedded fonts.
/// </summary>
public sealed class when_documents_are_issued(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_case_yields_an_acceptance_a_supplement_and_a_completion_notice_each_a_pdf_with_its_chinese_text(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await OpenAndReturnAsync(app, "社保记录不足6个月");
        using var officer = app.Officer();
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/supplements", new { materials = new[] { "social-insurance-record", "housing-status" } })).ReadAsync<CaseDto>();
        var done = await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(7));
        await app.Services.GetRequiredService<DocumentSweep>().SweepAsync();

        var documents = await officer.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents");

        Assert.Equal("completed", done.Status);
        Assert.Equal([DocumentKinds.Acceptance, DocumentKinds.Supplement, DocumentKinds.Completion], documents.Select(d => d.Kind));
        Assert.Equal(["衢人才受〔2026〕1号", "衢人才补〔2026〕1号", "衢人才结〔2026〕1号"], documents.Select(d => d.Number));
        Assert.Equal("窗口受理员 王敏", documents[0].IssuedBy);
        Assert.All(documents, d => Assert.False(string.IsNullOrWhiteSpace(d.IssuedBy)));
        var texts = new List<string>();
        foreach (var document in documents)
        {
            using var response = await officer.GetAsync(new Uri($"/api/cases/{opened.Id}/documents/{document.Id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
            Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
            var text = Flat(await PdfTools.TextAsync(pdf));
            Assert.Contains(opened.Number, text);
            Assert.Contains(Flat(document.Number), text);
            Assert.Contains(document.Title.Zh, text);
            Assert.All(await PdfTools.FontsAsync(pdf), font => Assert.True(font.Embedded && font.Subset, $"{font.Name} is not an embedded subset"));
            texts.Add(text);
            if (Environment.GetEnvironmentVariable("WINDOW_DOCUMENT_SAMPLES") is { Length: > 0 } samples && provider == DatabaseProvider.Sqlite)
            {
                // The pages committed under docs/documents/ for a human eye: WINDOW_DOCUMENT_SAMPLES=docs/documents, then pdftoppm.
                await File.WriteAllBytesAsync(Path.Combine(samples, $"{document.Kind}.pdf"), pdf);
            }
        }

        Assert.Equal(["受理通知书", "补正材料告知书", "办结通知书"], documents.Select(d => d.Title.Zh));
        // The receipt: the accepting clerk, every material received, the deferred one with its due date, the officer, the masked ID.
        Assert.Contains("受理人：窗口受理员王敏", texts[0]);
        Assert.Contains("张三丰", texts[0]);
        Assert.Contains("社保缴纳记录", texts[0]);
        Assert.Contains("2026年11月27日", texts[0]);
        Assert.Contains("人才专员李强", texts[0]);
        Assert.Contains(opened.LookupCode, texts[0]);
        Assert.All(texts, text => Assert.DoesNotContain("13812345678", text));
        Assert.Contains("社保缴纳记录", texts[1]);
        Assert.Contains("社保记录不足6个月", texts[1]);
        Assert.Contains("一次性告知", texts[1]);
        Assert.Contains("人才公寓", texts[2]);
        Assert.Contains(Window.Host.Components.Ui.Text.Status("approved"), texts[2]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_document_is_issued_once_and_never_changes(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var desk = app.Desk();
        var receipt = (await desk.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents")).Single();
        var first = await desk.GetByteArrayAsync(new Uri($"/api/cases/{opened.Id}/documents/{receipt.Id}", UriKind.Relative));
        app.Clock.Advance(TimeSpan.FromDays(1));

        var again = await app.Services.GetRequiredService<DocumentIssuer>().IssuePendingAsync(opened.Id);
        await app.Services.GetRequiredService<DocumentSweep>().SweepAsync();
        var replayed = await app.Services.GetRequiredService<IDocumentStore>().IssueAsync(
            new DocumentDraft(opened.Id, 1, DocumentKinds.Acceptance, 2026, app.Clock.GetUtcNow(), "someone else"),
            _ => throw new InvalidOperationException("An issued act is never rendered again."));
        var second = await desk.GetByteArrayAsync(new Uri($"/api/cases/{opened.Id}/documents/{receipt.Id}", UriKind.Relative));

        Assert.Empty(again.Created);
        Assert.False(again.Failed);
        Assert.False(replayed.Created);
        Assert.Equal((receipt.Id, receipt.Number, receipt.Sha256), (replayed.Record.Id, replayed.Record.Number, replayed.Record.Sha256));
        Assert.Equal(first, second);
        Assert.Single(await desk.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_act_whose_document_failed_gets_it_from_the_sweep_with_the_next_number(DatabaseProvider provider)
    {
        var failing = new FailingOnce();
        // The host's own sweep waits a day here, so that the sweep this test calls is the one that finds the act (on the
        // default minute, advancing the clock let the background pass issue it first, and the test's sweep found nothing).
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: services =>
            services.AddSingleton<IDocumentStore>(provider => failing.Around(new SqlDocumentStore(provider.GetRequiredService<WindowDatabase>()))),
            configuration: new Dictionary<string, string> { ["Window:Documents:SweepPeriod"] = "1.00:00:00" });
        using var desk = app.Desk();
        var first = await desk.OpenAsync("medical-checkup");
        failing.Armed = true;

        // The host "crashes" between the act and its document: the acceptance stands, the receipt is not there.
        var second = await desk.OpenAsync("medical-checkup");
        var missing = await desk.GetJsonAsync<List<DocumentDto>>($"/api/cases/{second.Id}/documents");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var issued = await app.Services.GetRequiredService<DocumentSweep>().SweepAsync();
        var after = await desk.GetJsonAsync<List<DocumentDto>>($"/api/cases/{second.Id}/documents");

        Assert.Equal("open", second.Status);
        Assert.Empty(missing);
        Assert.Equal(1, issued);
        Assert.Equal("衢人才受〔2026〕2号", after.Single().Number);
        Assert.Equal("衢人才受〔2026〕1号", (await desk.GetJsonAsync<List<DocumentDto>>($"/api/cases/{first.Id}/documents")).Single().Number);
        Assert.Equal(0, await app.Services.GetRequiredService<DocumentSweep>().SweepAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_completion_notice_carries_the_departments_written_opinion(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var health = app.Department("health");
        var step = opened.Steps.Single();
        var done = await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{step.Id}/complete",
            new { outcome = "approve", opinion = "体检项目齐全，同意安排" })).ReadAsync<CaseDto>();
        var completion = (await app.Officer().GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents")).Single(d => d.Kind == DocumentKinds.Completion);
        using var response = await app.Officer().GetAsync(new Uri($"/api/cases/{opened.Id}/documents/{completion.Id}", UriKind.Relative));
        var text = Flat(await PdfTools.TextAsync(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal("completed", done.Status);
        Assert.Contains("审查意见：体检项目齐全，同意安排", text);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task other_departments_and_wrong_codes_find_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await OpenAndReturnAsync(app, null);
        using var housing = app.Department("housing");
        var all = await app.Officer().GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents");
        var receipt = all.Single(d => d.Kind == DocumentKinds.Acceptance);
        var notice = all.Single(d => d.Kind == DocumentKinds.Supplement);
        using var health = app.Department("health");
        using var talent = app.Anonymous();
        string Public(string document, string code) =>
            $"/api/public/cases/{Uri.EscapeDataString(opened.Number)}/documents/{document}?code={Uri.EscapeDataString(code)}";

        var housingSees = await housing.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents");
        using var housingReceipt = await housing.GetAsync(new Uri($"/api/cases/{opened.Id}/documents/{receipt.Id}", UriKind.Relative));
        using var healthList = await health.GetAsync(new Uri($"/api/cases/{opened.Id}/documents", UriKind.Relative));
        using var healthNotice = await health.GetAsync(new Uri($"/api/cases/{opened.Id}/documents/{notice.Id}", UriKind.Relative));
        using var wrongCode = await talent.GetAsync(new Uri(Public(receipt.Id, "WRONG123"), UriKind.Relative));
        using var otherCase = await app.Officer().GetAsync(new Uri($"/api/cases/{(await app.Desk().OpenAsync("medical-checkup")).Id}/documents/{receipt.Id}", UriKind.Relative));
        using var rightCode = await talent.GetAsync(new Uri(Public(notice.Id, opened.LookupCode.ToLowerInvariant()), UriKind.Relative));
        var talentList = await talent.GetJsonAsync<List<DocumentDto>>($"/api/public/cases/{Uri.EscapeDataString(opened.Number)}/documents?code={opened.LookupCode}");

        Assert.Equal([notice.Id], housingSees.Select(d => d.Id));
        await housingReceipt.ProblemAsync(404);
        await healthList.ProblemAsync(404);
        await healthNotice.ProblemAsync(404);
        await wrongCode.ProblemAsync(404);
        await otherCase.ProblemAsync(404);
        Assert.Equal(HttpStatusCode.OK, rightCode.StatusCode);
        Assert.Equal(notice.Sha256, Convert.ToHexStringLower(SHA256.HashData(await rightCode.Content.ReadAsByteArrayAsync())));
        Assert.Equal([receipt.Id, notice.Id], talentList.Select(d => d.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_correction_is_a_new_document_with_a_new_number_that_names_the_one_it_replaces(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.Officer();
        var receipt = (await officer.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents")).Single();
        var path = $"/api/cases/{opened.Id}/documents/{receipt.Id}/corrections";

        using var noReason = await officer.CommandAsync(path, new { reason = "  " });
        using var byDepartment = await app.Department("health").CommandAsync(path, new { reason = "承诺日期有误" });
        using var first = await officer.CommandAsync(path, new { reason = "承诺日期有误" });
        var correction = await first.ReadAsync<DocumentDto>();
        using var again = await officer.CommandAsync(path, new { reason = "再次更正" });
        var original = await officer.GetByteArrayAsync(new Uri($"/api/cases/{opened.Id}/documents/{receipt.Id}", UriKind.Relative));
        var text = string.Concat((await PdfTools.TextAsync(await officer.GetByteArrayAsync(new Uri($"/api/cases/{opened.Id}/documents/{correction.Id}", UriKind.Relative))))
            .Where(c => !char.IsWhiteSpace(c)));

        Assert.Equal("reason", (await noReason.ProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byDepartment.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((receipt.Id, DocumentKinds.Acceptance, "衢人才受〔2026〕2号"), (correction.Replaces, correction.Kind, correction.Number));
        Assert.Equal("人才专员 李强", correction.IssuedBy);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(correction.Id, (await again.ReadAsync<DocumentDto>()).Id);
        Assert.Equal(receipt.Sha256, Convert.ToHexStringLower(SHA256.HashData(original)));
        Assert.Contains("本文书更正并替代原文书衢人才受〔2026〕1号", text);
        Assert.Contains("承诺日期有误", text);
        Assert.Equal([receipt.Id, correction.Id], (await officer.GetJsonAsync<List<DocumentDto>>($"/api/cases/{opened.Id}/documents")).Select(d => d.Id));
    }

    [Fact]
    public void every_template_renders_in_english_too()
    {
        DocumentFonts.Use();
        foreach (var (kind, template) in DocumentTemplate.LoadAll())
        {
            var facts = new DocumentFacts(
                DocumentFacts.ValueNames.ToDictionary(name => name, name => name == "progress.url" ? "http://localhost:5080/progress" : $"<{name}>"),
                DocumentFacts.TableNames.ToDictionary(name => name, IReadOnlyList<IReadOnlyList<string>> (_) => [["1", "a", "b", "c"]]));
            var pdf = DocumentRenderer.Render(template, facts, new Letterhead("Office", "Address", "Phone"), DocumentLanguage.English);
            Assert.True(pdf.Length > 1000, kind);
            Assert.Equal(template.Title.En, template.Title.In(DocumentLanguage.English));
        }
    }

    /// <summary>
    /// A talent apartment case whose housing status is deferred to Friday 27 November, returned by housing for its
    /// social-insurance record (with <paramref name="reason"/>, if any); the case as opened.
    /// </summary>
    private static async Task<CaseDto> OpenAndReturnAsync(WindowApp app, string? reason)
    {
        using var desk = app.Desk();
        var required = (await desk.ChecklistAsync("talent-apartment")).Where(m => m.Required && m.Id != "housing-status").Select(m => m.Id).ToList();
        var opened = await (await desk.CommandAsync("/api/cases", new
        {
            talent = Cases.Api.Talent(),
            items = new[] { "talent-apartment" },
            materials = required,
            deferred = new[] { new { material = "housing-status", due = "2026-11-27" } },
        })).ReadAsync<CaseDto>();
        using var housing = app.Department("housing");
        var review = opened.Steps.Single(s => s.Status == "ready");
        await (await housing.CommandAsync($"/api/cases/{opened.Id}/steps/{review.Id}/complete",
            new { outcome = "return", reason, missing = new[] { "social-insurance-record" } })).ReadAsync<CaseDto>();
        return opened;
    }

    // pdftotext -layout spreads a line over the page's width: the words compare without the spaces it adds.
    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A document store whose next issue fails once armed, as a host that dies before the document's commit.</summary>
    private sealed class FailingOnce
    {
        public bool Armed { get; set; }

        public IDocumentStore Around(IDocumentStore inner) => new Store(this, inner);

        private sealed class Store(FailingOnce owner, IDocumentStore inner) : IDocumentStore
        {
            public Task<IssuedDocument> IssueAsync(DocumentDraft draft, Func<int, RenderedDocument> render, CancellationToken cancellationToken = default)
            {
                if (owner.Armed)
                {
                    owner.Armed = false;
                    return inner.IssueAsync(draft, _ => throw new IOException("The host died while rendering."), cancellationToken);
                }

                return inner.IssueAsync(draft, render, cancellationToken);
            }

            public Task<IReadOnlyList<DocumentRecord>> ListAsync(string caseId, CancellationToken cancellationToken = default) => inner.ListAsync(caseId, cancellationToken);

            public Task<(DocumentRecord Record, byte[] Pdf)?> ReadAsync(string caseId, string documentId, CancellationToken cancellationToken = default) =>
                inner.ReadAsync(caseId, documentId, cancellationToken);

            public Task<IReadOnlyList<UndocumentedAct>> UndocumentedActsAsync(
                IReadOnlyCollection<string> kinds, DateTimeOffset after, DateTimeOffset until, int limit, CancellationToken cancellationToken = default) =>
                inner.UndocumentedActsAsync(kinds, after, until, limit, cancellationToken);

            public Task<DateTimeOffset?> SweptUntilAsync(CancellationToken cancellationToken = default) => inner.SweptUntilAsync(cancellationToken);

            public Task MarkSweptAsync(DateTimeOffset until, CancellationToken cancellationToken = default) => inner.MarkSweptAsync(until, cancellationToken);
        }
    }
}
