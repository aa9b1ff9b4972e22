namespace Window.Ui.Tests;

/// <summary>
/// Words for people on the pages this change owns (display names, Chinese names, one date format with weekdays), the
/// calm 404 and error pages, and the keyboard: a visible focus ring and a way home without a mouse.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class WordsAndKeyboard(UiHost host)
{
    [Fact]
    public async Task an_unknown_address_shows_a_calm_page_whose_way_home_works_from_the_keyboard()
    {
        await using var visitor = await StaffBrowser.OpenAsync(host, 1440, 900);
        var response = await visitor.Page.GotoAsync("/desk/no-such-page");
        Assert.Equal(404, response!.Status);
        Assert.Contains("页面不存在", await visitor.Page.InnerTextAsync("h1"));
        await visitor.ShotAsync("30-not-found");

        await visitor.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("status-home", await visitor.Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-testid')"));
        Assert.NotEqual("none", await visitor.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await visitor.ShotAsync("31-not-found-focus");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await visitor.Page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));

        // (The browser logs the 404 of the document itself, so these pages are not checked for a clean console.)
        await using var phone = await StaffBrowser.OpenAsync(host, 390, 844);
        Assert.Equal(404, (await phone.Page.GotoAsync("/progress/nothing-here"))!.Status);
        await phone.ShotAsync("32-not-found-phone");

        await using var error = await StaffBrowser.OpenAsync(host, 390, 844);
        await error.Page.GotoAsync("/error");
        Assert.Contains("系统出了点问题", await error.Page.InnerTextAsync("h1"));
        await error.ShotAsync("33-error-phone");
        await error.AssertCleanAsync();
    }

    [Fact]
    public async Task staff_pages_show_people_by_name_dates_with_weekdays_and_a_focus_ring()
    {
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        var opened = await ApiCases.OpenCheckupAsync(desk.Page, "钱词语", "33010619870909004");
        await desk.GoAsync($"/cases/{opened.Id}/receipt");
        await desk.Page.WaitForSelectorAsync("[data-testid=receipt]");
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日（周[一二三四五六日]）$", (await desk.Page.InnerTextAsync("[data-testid=receipt-promised]")).Trim());
        Assert.Equal("人才专员 李强", (await desk.Page.InnerTextAsync("[data-testid=receipt-officer]")).Trim());
        Assert.Contains("受理人：窗口受理员 王敏", await desk.Page.InnerTextAsync("[data-testid=receipt-clerk]"));
        Assert.DoesNotContain("officer", await desk.Page.InnerTextAsync("[data-testid=receipt]"));
        await desk.ShotAsync("34-receipt-words");
        await desk.AssertCleanAsync();

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=tiles]");
        var departments = await supervisor.Page.Locator("[data-testid=filter-department] option").AllInnerTextsAsync();
        Assert.Contains("人社局", departments);
        Assert.DoesNotContain(departments, d => d.Contains("hrss", StringComparison.Ordinal));
        Assert.Contains("医疗体检", await supervisor.Page.Locator("[data-testid=filter-item] option").AllInnerTextsAsync());

        // From the top of the page the keyboard reaches the filters, each with a visible ring.
        for (var i = 0; i < 40 && await supervisor.Page.EvaluateAsync<string?>("() => document.activeElement.id") != "filter-department"; i++)
        {
            await supervisor.Page.Keyboard.PressAsync("Tab");
            Assert.NotEqual("none", await supervisor.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        }

        Assert.Equal("filter-department", await supervisor.Page.EvaluateAsync<string?>("() => document.activeElement.id"));
        await supervisor.ShotAsync("35-supervisor-focus");
        await supervisor.AssertCleanAsync();
    }
}
