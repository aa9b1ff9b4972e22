using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// The whole promise in the browser: the desk accepts a settle-in case with a deferred material and prints the
/// receipt; every department decides its ready steps (housing returns for a supplement first, the officer records
/// it); the supervisor's figures move; a wait-free medical check-up is delivered at the window; the talent looks it
/// up on a phone-sized screen and rates it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class Journey(UiHost host)
{
    [Fact]
    public async Task a_settle_in_case_goes_from_the_window_through_every_department_and_a_checkup_reaches_the_talent()
    {
        await using var supervisor = await StaffBrowser.OpenAsync(host);
        await supervisor.SignInAsync("supervisor");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=tiles]");

        // The window: a settle-in bundle, school residence proof deferred (容缺受理), the receipt.
        await using var desk = await StaffBrowser.OpenAsync(host);
        await desk.SignInAsync("desk");
        var settleIn = await OpenCaseAsync(desk, "张三", Talents.IdNumber("11010519900307001"), "13800138000", bundle: "settle-in", defer: "residence-proof");
        var receipt = await StaffBrowser.TextOfAsync(desk.Page.Locator("[data-testid=receipt]"));
        Assert.Contains("受理回执", receipt);
        var items = await desk.Page.InnerTextAsync("[data-testid=receipt-items]");
        Assert.Contains("医疗体检", items);
        Assert.Contains("子女入学", items);
        Assert.Contains("容缺材料", receipt);
        Assert.Contains("承诺办结日期", receipt);
        Assert.Contains("人才专员", await desk.Page.InnerTextAsync("[data-testid=receipt-officer]"));
        Assert.Contains("窗口", await desk.Page.InnerTextAsync("[data-testid=receipt-contact]"));
        Assert.Matches(@"\S{4,}", await desk.Page.InnerTextAsync("[data-testid=receipt-code]"));
        Assert.DoesNotContain("11010519900307001", receipt);
        await desk.ShotAsync("04-receipt");
        await desk.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await desk.Page.IsVisibleAsync(".window-appbar"));
        await desk.ShotAsync("05-receipt-print");
        await desk.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Housing returns for a supplement first; the officer records it; housing then approves.
        await DecideAsync("housing", settleIn.Id, "talent-apartment.eligibility-review", "return", missing: "housing-status", shot: "06-department-queue");
        await using (var officer = await StaffBrowser.OpenAsync(host))
        {
            await officer.SignInAsync("officer");
            await officer.Page.WaitForSelectorAsync($"[data-testid=case-{settleIn.Number}]");
            await officer.ShotAsync("07-officer-cases");
            await officer.GoAsync($"/cases/{settleIn.Id}");
            await officer.Page.CheckAsync("[data-testid=supply-housing-status]");
            await officer.Page.ClickAsync("[data-testid=supply]");
            await officer.Page.WaitForSelectorAsync("[data-testid=message]");
            await officer.ShotAsync("08-case-page");
            await officer.AssertCleanAsync();
        }

        await DecideAsync("housing", settleIn.Id, "talent-apartment.eligibility-review", "approve");
        await DecideAsync("housing", settleIn.Id, "talent-apartment.allocation", "approve");
        await DecideAsync("hrss", settleIn.Id, "talent-certification.hrss-review", "approve");
        await DecideAsync("hrss", settleIn.Id, "talent-certification.expert-review", "approve");
        await DecideAsync("health", settleIn.Id, "medical-checkup.checkup-arrangement", "approve", shot: "09-step-page");
        await DecideAsync("education", settleIn.Id, "school-enrollment.eligibility-review", "approve");
        await DecideAsync("public-security", settleIn.Id, "household-registration.qualification-review", "approve");
        await DecideAsync("public-security", settleIn.Id, "household-registration.registration", "approve");

        // The certification's public notice runs five working days: the case page shows it waiting.
        await supervisor.GoAsync($"/cases/{settleIn.Id}");
        Assert.Contains("等待中", await supervisor.Page.InnerTextAsync("[data-testid='step-talent-certification.public-notice']"));
        // The school place waits for the yearly placement batch on 8-20 (the next one, whatever the year).
        var batch = await supervisor.Page.InnerTextAsync("[data-testid='step-school-enrollment.placement-batch']");
        Assert.Contains("等待中", batch);
        Assert.Contains("8月20日", batch);
        await supervisor.ShotAsync("08b-case-waiting");

        // The trace: every department's spans on one time axis for the supervisor, only its own part for a department.
        // The spans are one click below the people's view (each department's working days), as for operators.
        Assert.Contains("个工作日", await supervisor.Page.InnerTextAsync("[data-testid=holdings]"));
        await supervisor.Page.ClickAsync("[data-testid=trace-details] summary");
        var trace = await StaffBrowser.TextOfAsync(supervisor.Page.Locator("[data-testid=trace]"));
        Assert.True(await supervisor.Page.Locator("[data-testid=trace] .trace-bar").CountAsync() >= 10);
        Assert.Contains("受理", trace);
        Assert.Contains("住建局", trace);
        Assert.Contains("人社局", trace);
        await supervisor.ShotOfAsync("[data-testid=trace-panel]", "16-case-trace");
        await using (var housing = await StaffBrowser.OpenAsync(host))
        {
            await housing.SignInAsync("housing");
            await housing.GoAsync($"/cases/{settleIn.Id}");
            await housing.Page.ClickAsync("[data-testid=trace-details] summary");
            var own = await StaffBrowser.TextOfAsync(housing.Page.Locator("[data-testid=trace]"));
            Assert.Contains("住建局", own);
            Assert.DoesNotContain("人社局", own);
            await housing.AssertCleanAsync();
        }

        // A wait-free medical check-up for another talent, delivered at the window.
        var checkup = await OpenCaseAsync(desk, "李四", Talents.IdNumber("33010619880512002"), "13900139000", item: "medical-checkup");
        await DecideAsync("health", checkup.Id, "medical-checkup.checkup-arrangement", "approve");
        await desk.GoAsync("/desk/cases");
        await desk.Page.SelectOptionAsync("[data-testid=status-filter]", "completed");
        await desk.ShotAsync("10-desk-cases");
        // 出件 from the list leads to the case's confirmation, never one click.
        await desk.Page.ClickAsync($"[data-testid=deliver-{checkup.Number}]");
        await desk.Page.WaitForSelectorAsync("[data-testid=deliver-dialog]");
        await desk.Page.ClickAsync("[data-testid=confirm]");
        await desk.Page.WaitForSelectorAsync("[data-testid=message]:has-text('已出件')");
        await desk.AssertCleanAsync();

        // The supervisor's figures: the check-up finished on time (the settle-in bundle still waits for the school batch).
        await supervisor.GoAsync("/supervisor");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=tiles]");
        Assert.Equal("100%", await supervisor.Page.InnerTextAsync("[data-testid=tile-ontime]"));
        await supervisor.ShotAsync("11-supervisor-dashboard");
        await supervisor.AssertCleanAsync();

        // The talent, on a phone: progress by number and code, then the rating.
        await using var talent = await StaffBrowser.OpenAsync(host, 390, 844);
        await talent.GoAsync("/progress");
        await talent.Page.FillAsync("#number", checkup.Number);
        await talent.Page.FillAsync("#code", "wrong-code");
        await talent.Page.ClickAsync("[data-testid=lookup]");
        Assert.Contains("未找到", await talent.Page.InnerTextAsync("[data-testid=error]"));
        await talent.Page.FillAsync("#code", checkup.Code);
        await talent.Page.ClickAsync("[data-testid=lookup]");
        await talent.Page.WaitForSelectorAsync("[data-testid=progress]");
        Assert.Contains("已出件", await talent.Page.InnerTextAsync("[data-testid=case-status]"));
        await talent.Page.ClickAsync("[data-testid=rate-5]");
        await talent.Page.ClickAsync("[data-testid=submit-rating]");
        Assert.Contains("非常满意", await talent.Page.InnerTextAsync("[data-testid=rated]"));
        await talent.ShotAsync("12-public-progress");
        await talent.AssertCleanAsync();
    }

    private sealed record OpenedCase(string Id, string Number, string Code);

    private static async Task<OpenedCase> OpenCaseAsync(StaffBrowser desk, string name, string idNumber, string phone, string? bundle = null, string? item = null, string? defer = null)
    {
        var page = desk.Page;
        await desk.GoAsync("/desk/new");
        await page.FillAsync("#name", name);
        await page.FillAsync("#idNumber", idNumber);
        await page.FillAsync("#phone", phone);
        await page.SelectOptionAsync("#tier", "C");
        await page.ClickAsync("[data-testid=next-talent]");
        Assert.Contains("*", await page.InnerTextAsync("[data-testid=talent-masked]"));
        await page.CheckAsync(bundle is not null ? $"[data-testid=bundle-{bundle}]" : $"[data-testid=item-{item}]");
        await page.ClickAsync("[data-testid=next-items]");
        await page.WaitForSelectorAsync("[data-testid=accept]");

        // Accepting with nothing ticked lists every missing material at once.
        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForSelectorAsync("[data-testid=missing]");
        Assert.True(await page.Locator("[data-testid=missing] li").CountAsync() >= 2);
        if (bundle is not null)
        {
            await desk.ShotAsync("03-desk-missing-materials");
        }

        foreach (var box in await page.Locator("input[data-testid^=provide-]").AllAsync())
        {
            if (await box.GetAttributeAsync("data-testid") != $"provide-{defer}")
            {
                await box.CheckAsync();
            }
        }

        if (defer is not null)
        {
            await page.CheckAsync($"[data-testid=defer-{defer}]");
            await page.CheckAsync("[data-testid=commitment-signed]");
        }

        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForURLAsync(new Regex("/receipt$"));
        await desk.ReadyAsync();
        await page.WaitForSelectorAsync("[data-testid=receipt]");
        var id = Talents.CaseIdOfReceipt(page.Url);
        return new OpenedCase(id, (await page.InnerTextAsync("[data-testid=receipt-number]")).Trim(), (await page.InnerTextAsync("[data-testid=receipt-code]")).Trim());
    }

    private async Task DecideAsync(string department, string caseId, string step, string outcome, string? missing = null, string? shot = null)
    {
        await using var staff = await StaffBrowser.OpenAsync(host);
        await staff.SignInAsync(department);
        await staff.Page.WaitForSelectorAsync($"[data-testid=queue] a[href='/cases/{caseId}/steps/{step}']");
        if (shot == "06-department-queue")
        {
            await staff.ShotAsync(shot);
        }

        await staff.Page.ClickAsync($"a[href='/cases/{caseId}/steps/{step}']");
        await staff.Page.ClickAsync($"[data-testid={outcome}]");
        await staff.Page.WaitForSelectorAsync("[data-testid=dialog]");
        if (missing is not null)
        {
            await staff.Page.ClickAsync("[data-testid=confirm]");
            Assert.Contains("全部材料", await staff.Page.InnerTextAsync("[data-testid=error-missing]"));
            await staff.Page.CheckAsync($"[data-testid=missing-{missing}]");
        }

        if (shot == "09-step-page")
        {
            await staff.ShotAsync(shot);
        }

        await staff.Page.ClickAsync("[data-testid=confirm]");
        await staff.Page.WaitForSelectorAsync("[data-testid=done]");
        await staff.AssertCleanAsync();
    }
}
