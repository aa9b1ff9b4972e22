using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Sla;

public sealed class when_supervisors_export_and_drill_down(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    // Opened Monday 2026-11-23: the housing subsidy's talent-office review (5 working days) is red from Tuesday 12-01.
    private static readonly DateTimeOffset StepDue = new(2026, 12, 1, 0, 0, 0, SlaRequests.Beijing);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_red_step_is_found_by_its_department_and_exported_with_number_and_date_cells(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("housing-subsidy");
        app.Clock.Advance(StepDue - app.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await app.WatchAsync();
        var supervisor = app.Supervisor();

        // The drill-down: cases with a red step of the talent office, none of housing (the case's own light is green).
        var red = await supervisor.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?stepLight=red&department=talent-office&item=housing-subsidy");
        Assert.Equal((1L, opened.Number, "green"), (red.Total, Assert.Single(red.Items).Number, red.Items[0].Light));
        Assert.Equal(0L, (await supervisor.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?stepLight=red&department=housing")).Total);
        Assert.Equal(0L, (await supervisor.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?light=red")).Total);

        // The filtered list as Excel: the receipt number, and the opening day as a date cell.
        var cases = await SheetsAsync(await supervisor.GetAsync("/api/sla/cases/export?stepLight=red&department=talent-office"));
        var row = Assert.Single(cases["办件"].Skip(1));
        Assert.Equal(["办件编号", "事项", "状态", "状态灯", "受理日期", "承诺办结日期", "专员", "到窗次数"], cases["办件"][0].Select(c => c.Text));
        Assert.Equal(opened.Number, row[0].Text);
        Assert.Equal(new DateOnly(2026, 11, 23), row[4].Day);
        Assert.Equal(1, row[7].Number);

        // The period's figures: every sheet, the matrix and the officer's open case as numbers.
        var report = await SheetsAsync(await supervisor.GetAsync("/api/sla/export?format=xlsx&from=2026-11-23&to=2026-12-01"));
        Assert.Equal(["概况", "部门", "事项", "专员", "红黄牌", "预警与超期"], report.Keys);
        var cell = Assert.Single(report["红黄牌"].Skip(1));
        Assert.Equal(("人才办", "购房补贴", 0, 0, 1), (cell[0].Text, cell[1].Text, cell[2].Number, cell[3].Number, cell[4].Number));
        Assert.Equal(1, Assert.Single(report["专员"].Skip(1))[1].Number);
        Assert.Contains(report["概况"], r => r[0].Text == "红灯超期" && r[1].Number == 1);
        Assert.Contains(report["预警与超期"].Skip(1), r => r[0].Text == opened.Number && r[6].Day == new DateOnly(2026, 11, 30));

        var breaches = await SheetsAsync(await supervisor.GetAsync("/api/sla/breaches/export"));
        Assert.Single(breaches["预警与超期"].Skip(1));

        // The monthly report as PDF: the figures, the matrix and the breach, in embedded fonts.
        var pdf = await supervisor.GetAsync("/api/sla/export?format=pdf&from=2026-11-23&to=2026-12-01");
        Assert.Equal(("application/pdf", HttpStatusCode.OK), (pdf.Content.Headers.ContentType?.MediaType, pdf.StatusCode));
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "tests", "artifacts", "supervision")).FullName, $"report-{provider}.pdf"), bytes);
        var text = await Documents.PdfTools.TextAsync(bytes);
        foreach (var expected in new[] { "人才服务效能监察报告", "2026年11月23日 至 2026年12月1日", "按时办结率", "红黄牌", "人才办", "购房补贴", opened.Number })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.All(await Documents.PdfTools.FontsAsync(bytes), font => Assert.True(font.Embedded, font.Name));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task bad_export_and_drill_down_input_is_a_problem_naming_its_field(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var supervisor = app.Supervisor();
        foreach (var (query, field) in new[]
        {
            ("/api/sla/export?format=docx", "format"),
            ("/api/sla/export?department=nowhere", "department"),
            ("/api/sla/export?item=nothing", "item"),
            ("/api/sla/export?from=2026-12-01&to=2026-11-01", "to"),
            ("/api/sla/export?from=yesterday", "from"),
            ("/api/sla/cases/export?stepLight=blue", "stepLight"),
            ("/api/cases?stepLight=blue", "stepLight"),
        })
        {
            Assert.Equal(field, (await (await supervisor.GetAsync(query)).ProblemAsync(400)).GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Officer().GetAsync("/api/sla/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Desk().GetAsync("/api/sla/cases/export")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task the_orleans_dashboard_is_for_administrators_only(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Supervisor().GetAsync("/admin/orleans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Department("housing").GetAsync("/admin/orleans")).StatusCode);
        var admin = await app.As("admin", Roles.Administrator).GetAsync("/admin/orleans");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("text/html", admin.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    private sealed record XCell(string Text, double? Value)
    {
        public int? Number => Value is { } v ? (int)v : null;

        public DateOnly? Day => Value is { } v ? DateOnly.FromDateTime(DateTime.FromOADate(v)) : null;
    }

    /// <summary>Every sheet of a downloaded workbook as rows of cells, read back with the Open XML SDK.</summary>
    private static async Task<Dictionary<string, List<List<XCell>>>> SheetsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = new Dictionary<string, List<List<XCell>>>();
        foreach (var sheet in workbook.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            sheets[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.Number
                ? new XCell(c.CellValue!.Text, double.Parse(c.CellValue.Text, CultureInfo.InvariantCulture))
                : new XCell(c.InnerText, null)).ToList())];
        }

        return sheets;
    }
}
