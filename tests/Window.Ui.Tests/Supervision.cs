using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Window.Ui.Tests;

/// <summary>
/// The supervisor's dashboard (issue 23): the charts draw in the lights' own colours with readable labels, a department ×
/// item cell opens the list of cases with steps lit so, an officer's row opens their cases, and the month's figures
/// download as Excel with number cells.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class Supervision(UiHost host)
{
    [Fact]
    public async Task a_supervisor_drills_from_a_matrix_cell_and_an_officer_row_to_the_cases_and_downloads_the_figures()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("housing-subsidy", Talents.IdNumber("33010619880705007"), name: "褚十二", phone: "13300133000");
        var number = opened.GetProperty("number").GetString()!;
        var officer = opened.GetProperty("officer").GetString()!;
        var caseId = opened.GetProperty("id").GetString()!;
        using (var office = await ApiSeed.SignInAsync(host, "talent-office"))
        {
            await office.PostAsync($"/api/cases/{caseId}/steps/housing-subsidy.talent-office-review/claim", new { });
            await office.PostAsync($"/api/cases/{caseId}/steps/housing-subsidy.talent-office-review/complete", new { outcome = "approve" });
        }

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoAsync("/supervisor");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=chart-lights][data-rendered=true]");

        // The chart's colours are the lights' as the case pages paint them, and no label is smaller than 12 px.
        var colours = await supervisor.Page.EvaluateAsync<string[]>(
            "() => window.windowCharts['chart-lights'].getOption().series.map(s => s.itemStyle.color)");
        var css = await supervisor.Page.EvaluateAsync<string[]>(
            "() => ['--w-green', '--w-yellow', '--w-red'].map(v => getComputedStyle(document.documentElement).getPropertyValue(v).trim())");
        Assert.Equal(css, colours);
        Assert.Equal(["#2e8b57", "#d99100", "#c8312b"], colours);
        var sizes = await supervisor.Page.EvaluateAsync<int[]>(
            "() => { const o = window.windowCharts['chart-lights'].getOption(); return [o.xAxis[0].axisLabel.fontSize, o.yAxis[0].axisLabel.fontSize, o.legend[0].textStyle.fontSize]; }");
        Assert.All(sizes, size => Assert.True(size >= 12, $"{size} px"));
        var options = JsonDocument.Parse(await supervisor.Page.GetAttributeAsync("[data-testid=chart-lights]", "data-options") ?? "{}").RootElement;
        var urls = options.GetProperty("series").EnumerateArray().SelectMany(series => series.GetProperty("data").EnumerateArray()).Select(d => d.GetProperty("url").GetString());
        Assert.Contains("/desk/cases?status=open&department=housing&stepLight=green", urls);
        await supervisor.ShotAsync("23-supervisor-dashboard");

        // Matrix cell → the cases with a green step of that department and item.
        await supervisor.Page.ClickAsync("[data-testid=cell-housing-housing-subsidy-green]");
        await supervisor.Page.WaitForURLAsync("**/desk/cases?*stepLight=green*");
        Assert.Contains("department=housing", supervisor.Page.Url, StringComparison.Ordinal);
        Assert.Contains("item=housing-subsidy", supervisor.Page.Url, StringComparison.Ordinal);
        await supervisor.ReadyAsync();
        await supervisor.Page.WaitForSelectorAsync($"[data-testid=row-{number}]");
        Assert.Contains("正常", await supervisor.Page.InnerTextAsync("[data-testid=step-light-filter]"));
        await supervisor.ShotAsync("23-supervisor-drill-matrix");

        // The case's page says why: the step of that department lit so, and the trace for people: the talent office decided
        // the day it received the step; housing holds it now.
        await supervisor.Page.ClickAsync($"[data-testid=case-{number}]");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=holdings]");
        var step = await StaffBrowser.TextOfAsync(supervisor.Page.Locator("[data-testid='step-housing-subsidy.housing-verification']"));
        Assert.Contains("正常", step);
        Assert.Contains("住建局", step);
        Assert.Equal("0 个工作日", await supervisor.Page.InnerTextAsync("[data-testid=held-talent-office]"));
        Assert.Contains("办理中", await supervisor.Page.InnerTextAsync("[data-testid=holding-housing]"));
        Assert.False(await supervisor.Page.IsVisibleAsync("[data-testid=trace]"));
        await supervisor.ShotOfAsync("[data-testid=holdings-panel]", "23-case-trace-for-people");
        await supervisor.Page.ClickAsync("[data-testid=trace-details] summary");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=trace] .trace-bar");
        await supervisor.ShotAsync("23-case-page-supervisor");

        // A period figure → exactly the cases it counts: the completed tile's number is the list's total, the list filtered
        // by the period's completion days (every status).
        await supervisor.GoAsync("/supervisor");
        var completed = (await supervisor.Page.InnerTextAsync("[data-testid=tile-completed]")).Trim();
        await supervisor.Page.ClickAsync("[data-testid=figure-completed]");
        await supervisor.Page.WaitForURLAsync("**/desk/cases?*completedFrom=*");
        await supervisor.ReadyAsync();
        await supervisor.Page.WaitForSelectorAsync("[data-testid=period-filters]");
        Assert.Equal($"共 {completed} 件", (await supervisor.Page.InnerTextAsync("[data-testid=case-total]")).Trim());
        Assert.NotEqual("", await supervisor.Page.InputValueAsync("[data-testid=completed-from]"));
        await supervisor.ShotAsync("23-supervisor-drill-completed");

        // Officer row → that officer's open cases.
        await supervisor.GoAsync("/supervisor");
        await supervisor.Page.ClickAsync($"[data-testid=officer-link-{officer}]");
        await supervisor.Page.WaitForURLAsync($"**/desk/cases?*officer={officer}*");
        await supervisor.ReadyAsync();
        await supervisor.Page.WaitForSelectorAsync($"[data-testid=row-{number}]");
        Assert.Equal(officer, await supervisor.Page.InputValueAsync("[data-testid=officer-filter]"));

        // An alert rule: a missing department is said on its field; then it is listed, then removed.
        await supervisor.GoAsync("/supervisor");
        await supervisor.Page.SelectOptionAsync("[data-testid=rule-kind]", "on-time-below");
        await supervisor.Page.ClickAsync("[data-testid=add-rule]");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=rule-department-error]");
        Assert.Equal("true", await supervisor.Page.GetAttributeAsync("[data-testid=rule-department]", "aria-invalid"));
        await supervisor.Page.SelectOptionAsync("[data-testid=rule-department]", "health");
        await supervisor.Page.FillAsync("[data-testid=rule-threshold]", "85");
        await supervisor.Page.ClickAsync("[data-testid=add-rule]");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=alert-rules]");
        Assert.Contains("卫健委本周按时办结率低于 85%", await supervisor.Page.InnerTextAsync("[data-testid=alert-rules]"));
        await supervisor.ShotOfAsync("[data-testid=alerts-panel]", "23-supervisor-alert-rules");
        await supervisor.Page.ClickAsync("[data-testid=alert-rules] button");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=alerts-empty]");

        // The monthly report downloads as PDF.
        var report = await supervisor.Page.RunAndWaitForDownloadAsync(() => supervisor.Page.ClickAsync("[data-testid=export-pdf]"));
        Assert.EndsWith(".pdf", report.SuggestedFilename, StringComparison.Ordinal);

        // The figures leave the system as Excel: the officer's open cases are a number cell.
        var download = await supervisor.Page.RunAndWaitForDownloadAsync(() => supervisor.Page.ClickAsync("[data-testid=export-xlsx]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(UiHost.Artifacts, "23-supervisor-export.xlsx");
        await download.SaveAsAsync(path);
        using (var workbook = SpreadsheetDocument.Open(path, false))
        {
            var part = workbook.WorkbookPart!;
            var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "专员");
            var rows = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            Assert.Equal("在办件数", rows[0].Elements<Cell>().ElementAt(1).InnerText);
            Assert.Contains(rows.Skip(1), row => row.Elements<Cell>().ElementAt(1).DataType?.Value == CellValues.Number
                && int.Parse(row.Elements<Cell>().ElementAt(1).CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        await supervisor.AssertCleanAsync();
    }
}
