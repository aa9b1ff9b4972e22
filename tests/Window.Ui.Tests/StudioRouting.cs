using System.Text.RegularExpressions;

namespace Window.Ui.Tests;

/// <summary>
/// Issue 25's backend in the browser: a department an administrator adds is one steps can be routed to, and the desk's form asks
/// for the case data the chosen items' conditions read (school places: a mid-year transfer), only when those items are chosen.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class StudioRouting(UiHost host)
{
    [Fact]
    public async Task an_administrator_adds_a_department_and_is_told_what_is_wrong_first()
    {
        await using var admin = await StaffBrowser.OpenAsync(host, 1440, 900);
        await admin.SignInAsync("admin");
        var page = admin.Page;

        await page.ClickAsync("[data-testid=add-department]");
        Assert.Contains("部门编码", await page.InnerTextAsync("[data-testid=error]"));

        await page.FillAsync("[data-testid=department-id-new]", "civil-affairs");
        await page.FillAsync("[data-testid=department-zh-new]", "民政局");
        await page.FillAsync("[data-testid=department-en-new]", "Civil Affairs Bureau");
        await page.ClickAsync("[data-testid=add-department]");
        await page.WaitForSelectorAsync("[data-testid=department-civil-affairs]");
        Assert.Contains("已新增部门 民政局", await page.InnerTextAsync("[data-testid=message]"));
        Assert.Equal("民政局", await page.InputValueAsync("[data-testid=department-zh-civil-affairs]"));
        await page.Locator("[data-testid=department-new]").ScrollIntoViewIfNeededAsync();
        await admin.ShotAsync("60-admin-department-added");

        // Routing reads it now: a new user of that department can be created and its queue is there.
        await page.FillAsync("[data-testid=new-username]", "civil1");
        await page.FillAsync("[data-testid=new-display-name]", "孙八");
        await page.SelectOptionAsync("[data-testid=new-role]", "department");
        await page.SelectOptionAsync("[data-testid=new-department]", "civil-affairs");
        await page.FillAsync("[data-testid=new-password]", UiHost.Password);
        await page.ClickAsync("[data-testid=create]");
        await page.WaitForSelectorAsync("[data-testid=user-civil1]");
        await admin.AssertCleanAsync();

        await using var civil = await StaffBrowser.OpenAsync(host, 1440, 900);
        await civil.SignInAsync("civil1");
        Assert.EndsWith("/queue", civil.Page.Url);
        Assert.Contains("民政局", await civil.Page.InnerTextAsync("[data-testid=who]"));
    }

    [Fact]
    public async Task the_desk_asks_for_a_mid_year_transfer_only_when_school_enrollment_is_chosen_and_opens_the_case()
    {
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/new");
        var page = desk.Page;
        await page.FillAsync("#name", "周九");
        await page.FillAsync("#idNumber", Talents.IdNumber("33010619880808008"));
        await page.FillAsync("#phone", "13900139000");
        await page.SelectOptionAsync("#tier", "C");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=items-form]");

        await page.ClickAsync("[data-testid=item-medical-checkup]");
        Assert.Equal(0, await page.Locator("[data-testid=intake-fields]").CountAsync());
        await page.ClickAsync("[data-testid=item-medical-checkup]");
        await page.ClickAsync("[data-testid=item-school-enrollment]");
        await page.WaitForSelectorAsync("[data-testid=intake-fields]");
        Assert.Contains("年中插班转学", await page.InnerTextAsync("[data-testid=intake-fields]"));
        await page.CheckAsync("[data-testid=data-transferMidYear]");
        await page.Locator("[data-testid=intake-fields]").ScrollIntoViewIfNeededAsync();
        await desk.ShotAsync("61-desk-new-intake-fields");

        await page.ClickAsync("[data-testid=next-items]");
        await page.WaitForSelectorAsync("[data-testid=missing-panel]");
        await page.ClickAsync("[data-testid=all-school-enrollment]");
        await page.WaitForSelectorAsync("[data-testid=complete]");
        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForURLAsync(new Regex("/receipt$"));
        await desk.ReadyAsync();
        Assert.Contains("子女入学", await page.InnerTextAsync("[data-testid=receipt-items]"));
        await desk.AssertCleanAsync();
    }
}
