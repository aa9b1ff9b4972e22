using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// Issue 24 in the browser: the desk attaches a photo to a material during intake (held in the browser until the case
/// opens, then uploaded); the health department opens its step and sees the photo inline, turns it and zooms; the case's
/// officer sees who looked at it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class Materials(UiHost host)
{
    [Fact]
    public async Task the_desk_attaches_a_photo_at_intake_and_the_department_views_it_inline()
    {
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        var photo = Path.Combine(UiHost.Artifacts, "materials-questionnaire-photo.jpg");
        await File.WriteAllBytesAsync(photo, await desk.Page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Jpeg, Quality = 80 }));
        await desk.Page.SetContentAsync("<h1>居民身份证 扫描件</h1><p>第一页</p><div style='page-break-before: always'><h1>第二页</h1></div>");
        var scan = Path.Combine(UiHost.Artifacts, "materials-identity-scan.pdf");
        await File.WriteAllBytesAsync(scan, await desk.Page.PdfAsync(new PagePdfOptions { Format = "A4" }));
        var executable = Path.Combine(UiHost.Artifacts, "materials-not-a-pdf.pdf");
        await File.WriteAllBytesAsync(executable, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0]);

        await desk.GoAsync("/desk/new");
        var page = desk.Page;
        await page.FillAsync("#name", "吴十");
        await page.FillAsync("#idNumber", Talents.IdNumber("33010219900101024"));
        await page.FillAsync("#phone", "13900139024");
        await page.SelectOptionAsync("#tier", "C");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=items-form]");
        await page.ClickAsync("[data-testid=item-medical-checkup]");
        await page.ClickAsync("[data-testid=next-items]");
        await page.SetInputFilesAsync("[data-testid=pick-health-questionnaire]", executable);
        Assert.Contains("PDF", await page.InnerTextAsync("[data-testid=pick-problem-health-questionnaire]"));
        await page.SetInputFilesAsync("[data-testid=pick-health-questionnaire]", photo);
        await page.WaitForSelectorAsync("[data-testid=picked-health-questionnaire-0]");
        await page.SetInputFilesAsync("[data-testid=pick-identity-card]", scan);
        await page.WaitForSelectorAsync("[data-testid=picked-identity-card-0]");
        await page.ClickAsync("[data-testid=all-medical-checkup]");
        await page.WaitForSelectorAsync("[data-testid=complete]");
        await desk.ShotAsync("24-desk-intake-files");
        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForURLAsync(new Regex("/cases/[^/]+/receipt$"));
        var caseId = new Uri(page.Url).AbsolutePath.Split('/')[2];
        await desk.AssertCleanAsync();

        await using var health = await StaffBrowser.OpenAsync(host, 1440, 900);
        await health.SignInAsync("health");
        await health.GoAsync($"/cases/{caseId}/steps/medical-checkup.checkup-arrangement");
        await health.Page.ClickAsync("[data-testid=view-health-questionnaire-0]");
        var image = health.Page.Locator("[data-testid=viewer-image]");
        await image.WaitForAsync();
        await health.Page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=viewer-image]'); return i && i.complete && i.naturalWidth > 0; }");
        await health.Page.ClickAsync("[data-testid=viewer-rotate]");
        await health.Page.ClickAsync("[data-testid=viewer-zoom-out]");
        // The page re-renders after each click on its own time: wait for it rather than read at once.
        await Assertions.Expect(image).ToHaveAttributeAsync("style", new Regex(@"rotate\(90deg\)"));
        await Assertions.Expect(health.Page.Locator("[data-testid=viewer-zoom]")).ToHaveTextAsync("75%");
        await health.ShotAsync("24-department-views-photo");
        await health.Page.ClickAsync("[data-testid=view-identity-card-0]");
        await health.Page.WaitForSelectorAsync("[data-testid=viewer-pdf][data-rendered='1']");
        await Assertions.Expect(health.Page.Locator("[data-testid=viewer-page]")).ToContainTextAsync("1 / 2");
        await health.Page.ClickAsync("[data-testid=viewer-next]");
        await health.Page.WaitForSelectorAsync("[data-testid=viewer-pdf][data-rendered='2']");
        await health.ShotAsync("24-department-views-pdf");
        await health.AssertCleanAsync();

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoAsync($"/cases/{caseId}");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=journal-viewed]");
        Assert.Contains("查看", await supervisor.Page.InnerTextAsync("[data-testid=material-journal]"));
        await supervisor.ShotAsync("24-case-page-files-and-journal");
        await supervisor.AssertCleanAsync();
    }
}
