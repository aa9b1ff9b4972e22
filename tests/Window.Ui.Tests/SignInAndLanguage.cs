namespace Window.Ui.Tests;

/// <summary>The sign-in page, the header and the language switch.</summary>
[Collection(UiCollection.Name)]
public sealed class SignInAndLanguage(UiHost host)
{
    [Fact]
    public async Task a_wrong_password_reads_as_a_sentence_and_the_right_one_opens_the_desk()
    {
        await using var browser = await StaffBrowser.OpenAsync(host);
        await browser.Page.GotoAsync("/login");
        await browser.ShotAsync("01-login");
        await browser.Page.FillAsync("#username", "desk");
        await browser.Page.FillAsync("#password", "wrong");
        await browser.Page.ClickAsync("button[type=submit]");
        Assert.Contains("用户名或密码错误", await browser.Page.InnerTextAsync("[data-testid=login-error]"));

        await browser.SignInAsync("desk");

        Assert.EndsWith("/desk/new", browser.Page.Url);
        var who = await StaffBrowser.TextOfAsync(browser.Page.Locator("[data-testid=who]"));
        Assert.Contains("窗口受理员", who);
        await browser.ShotAsync("02-desk-new");
        await browser.AssertCleanAsync();
    }

    [Fact]
    public async Task the_language_switch_changes_the_labels_and_stays()
    {
        await using var browser = await StaffBrowser.OpenAsync(host);
        await browser.SignInAsync("supervisor");
        Assert.Contains("效能监察", await browser.Page.InnerTextAsync("nav.topnav"));

        await browser.Page.ClickAsync("[data-testid=language] >> text=English");
        await browser.Page.WaitForSelectorAsync("nav.topnav >> text=SLA dashboard");
        await browser.ReadyAsync();
        Assert.Contains("Supervisor", await browser.Page.InnerTextAsync("[data-testid=who]"));

        await browser.GoAsync("/desk/cases");
        Assert.Contains("All cases", await browser.Page.InnerTextAsync("nav.topnav"));
        await browser.Page.ClickAsync("[data-testid=language] >> text=中文");
        await browser.Page.WaitForSelectorAsync("nav.topnav >> text=效能监察");
        await browser.AssertCleanAsync();
    }
}
