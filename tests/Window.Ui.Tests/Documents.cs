using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// Issue 19 in the browser: the desk accepts a case and opens the acceptance notice's PDF in one click from the receipt;
/// the department's return dialog says which notice it produces; the case page lists the documents; the talent
/// downloads a document from the public progress page (phone and desktop).
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class Documents(UiHost host)
{
    [Fact]
    public async Task the_desk_accepts_a_case_and_opens_the_receipt_pdf_in_one_click()
    {
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/new");
        var page = desk.Page;
        await page.FillAsync("#name", "周九");
        await page.FillAsync("#idNumber", Talents.IdNumber("33010219880808009"));
        await page.FillAsync("#phone", "13900139000");
        await page.SelectOptionAsync("#tier", "C");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=items-form]");
        await page.ClickAsync("[data-testid=item-medical-checkup]");
        await page.ClickAsync("[data-testid=next-items]");
        await page.ClickAsync("[data-testid=all-medical-checkup]");
        await page.WaitForSelectorAsync("[data-testid=complete]");
        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForURLAsync(ReceiptAddress());
        await desk.ReadyAsync();

        // The receipt names the accepting clerk, lists what was received, leads to the progress page and offers the PDF.
        Assert.Contains("王敏", await page.InnerTextAsync("[data-testid=receipt-clerk]"));
        Assert.Contains("居民身份证", await page.InnerTextAsync("[data-testid=receipt-received]"));
        Assert.Contains("/progress?number=RC-", await page.GetAttributeAsync("[data-testid=receipt-progress]", "href"));
        var number = (await page.InnerTextAsync("[data-testid=receipt-document-number]")).Trim();
        Assert.Matches(DocumentNumber(), number);
        await desk.ShotAsync("90-desk-receipt-with-notice");

        // Printed (even with background graphics on), the receipt's header cells are white: no grey block.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvalOnSelectorAsync<string>("[data-testid=receipt] th", "e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor"));
        await desk.ShotAsync("98-desk-receipt-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var href = (await page.GetAttributeAsync("[data-testid=receipt-pdf]", "href"))!;
        var popup = page.WaitForPopupAsync();
        await page.ClickAsync("[data-testid=receipt-pdf]");
        Assert.NotNull(await popup);
        var pdf = await page.APIRequest.GetAsync(href);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.BodyAsync())[..5]);
        await desk.AssertCleanAsync();
    }

    [Fact]
    public async Task the_department_sees_the_notice_a_return_produces_and_the_case_page_lists_it()
    {
        using var seed = await ApiSeed.SignInAsync(host, "desk");
        var opened = await seed.OpenAsync("talent-apartment", Talents.IdNumber("33010219850505005"), "吴十");
        var caseId = opened.GetProperty("id").GetString()!;
        await using var housing = await StaffBrowser.OpenAsync(host, 1440, 900);
        await housing.SignInAsync("housing");
        await housing.GoAsync($"/cases/{caseId}/steps/talent-apartment.eligibility-review");
        var page = housing.Page;

        await page.ClickAsync("[data-testid=return]");
        await page.WaitForSelectorAsync("[data-testid=return-notice]");
        Assert.Contains("补正材料告知书", await page.InnerTextAsync("[data-testid=return-notice]"));
        await page.ClickAsync("[data-testid=missing-social-insurance-record]");
        await page.FillAsync("#reason", "社保缴纳记录不足6个月");
        await housing.ShotAsync("91-department-return-dialog-notice");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=return-notice]", new() { State = WaitForSelectorState.Detached });
        await housing.AssertCleanAsync();

        await using var officer = await StaffBrowser.OpenAsync(host, 1440, 900);
        await officer.SignInAsync("officer");
        await officer.GoAsync($"/cases/{caseId}");
        await officer.Page.WaitForSelectorAsync("[data-testid=document-supplement]");
        Assert.Contains("受理通知书", await officer.Page.InnerTextAsync("[data-testid=document-acceptance]"));
        Assert.Matches(DocumentNumber(), await officer.Page.InnerTextAsync("[data-testid=document-supplement] [data-testid=document-number]"));
        await officer.ShotOfAsync("[data-testid=documents]", "92-officer-case-documents");
        await officer.ShotAsync("93-officer-case-page-with-documents");

        // The case's officer corrects the acceptance notice: a new document that names the one it replaces.
        await officer.Page.ClickAsync("[data-testid=correct-acceptance]");
        await officer.Page.WaitForSelectorAsync("[data-testid=correct-dialog]");
        await officer.Page.ClickAsync("[data-testid=confirm]");
        await officer.Page.WaitForSelectorAsync("#correction-reason[aria-invalid=true]");
        await officer.Page.FillAsync("#correction-reason", "申请人姓名录入有误，已核对更正");
        await officer.ShotAsync("96-officer-correct-dialog");
        await officer.Page.ClickAsync("[data-testid=confirm]");
        await officer.Page.WaitForSelectorAsync("[data-testid=replaces]");
        await officer.Page.WaitForSelectorAsync(".mud-overlay", new() { State = WaitForSelectorState.Detached });
        Assert.Equal(2, await officer.Page.Locator("[data-testid=document-acceptance]").CountAsync());
        // Only the correction can be corrected again; the original already has its correction.
        Assert.Equal(1, await officer.Page.Locator("[data-testid=correct-acceptance]").CountAsync());
        await officer.ShotOfAsync("[data-testid=documents]", "97-officer-case-documents-corrected");
        await officer.AssertCleanAsync();
    }

    [Fact]
    public async Task the_talent_downloads_a_document_from_the_progress_page_on_a_phone_and_a_desktop()
    {
        using var seed = await ApiSeed.SignInAsync(host, "desk");
        var opened = await seed.OpenAsync("medical-checkup", Talents.IdNumber("33010219790303003"), "郑十一");
        using var health = await ApiSeed.SignInAsync(host, "health");
        await health.PostAsync($"/api/cases/{opened.GetProperty("id").GetString()}/steps/medical-checkup.checkup-arrangement/complete", new { outcome = "approve" });
        var number = opened.GetProperty("number").GetString()!;
        var code = opened.GetProperty("lookupCode").GetString()!;

        foreach (var (width, height, shot) in new[] { (390, 844, "94-progress-phone-documents"), (1440, 900, "95-progress-desktop-documents") })
        {
            await using var talent = await StaffBrowser.OpenAsync(host, width, height);
            // The QR code on a notice leads here with the number filled in; the talent types the code.
            await talent.GoAsync($"/progress?number={Uri.EscapeDataString(number)}");
            var page = talent.Page;
            Assert.Equal(number, await page.InputValueAsync("#number"));
            await page.FillAsync("#code", code);
            await page.PressAsync("#code", "Enter");
            await page.WaitForSelectorAsync("[data-testid=document-completion]");
            Assert.Contains("办结通知书", await page.InnerTextAsync("[data-testid=document-completion]"));
            await talent.ShotAsync(shot);

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-completion]"));
            var file = Path.Combine(Path.GetTempPath(), $"window-{Guid.NewGuid():N}.pdf");
            await download.SaveAsAsync(file);
            var bytes = await File.ReadAllBytesAsync(file);
            File.Delete(file);
            Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            await talent.AssertCleanAsync();
        }
    }

    [GeneratedRegex("/cases/[^/]+/receipt$")]
    private static partial Regex ReceiptAddress();

    [GeneratedRegex(@"^衢人才(受|补|结)〔\d{4}〕\d+号$")]
    private static partial Regex DocumentNumber();
}
