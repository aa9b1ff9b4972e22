namespace Window.Ui.Tests;

/// <summary>An open page belongs to a session: when the session ends elsewhere, the page stops acting for it.</summary>
[Collection(UiCollection.Name)]
public sealed class SessionsInTheBrowser(UiHost host)
{
    [Fact]
    public async Task an_administrator_signs_a_user_out_everywhere_and_the_users_open_page_goes_to_sign_in()
    {
        await using var supervisor = await StaffBrowser.OpenAsync(host);
        await supervisor.SignInAsync("supervisor");
        await using var admin = await StaffBrowser.OpenAsync(host);
        await admin.SignInAsync("admin");

        await admin.Page.ClickAsync("[data-testid=sign-out-supervisor]");
        await admin.Page.WaitForSelectorAsync("[data-testid=message]");

        // The open page re-checks its session every 10 s (Window:Sessions:CircuitRecheckInterval).
        await supervisor.Page.WaitForURLAsync("**/login?returnUrl=**", new() { Timeout = 30_000 });
        await admin.AssertCleanAsync();
    }

    [Fact]
    public async Task a_user_who_signs_out_everywhere_from_the_header_is_signed_out_in_every_browser()
    {
        await using var office = await StaffBrowser.OpenAsync(host);
        await office.SignInAsync("science-tech");
        await using var home = await StaffBrowser.OpenAsync(host);
        await home.SignInAsync("science-tech");

        await office.Page.ClickAsync("[data-testid=sign-out-everywhere]");
        await office.Page.WaitForURLAsync("**/login**");

        // The other browser's cookie names a session whose stamp is gone: its next request signs in again. A host rereads
        // a session at most every 2 s (Window:Sessions:RecheckInterval), so the first reload may still pass.
        for (var attempt = 0; attempt < 10 && !home.Page.Url.Contains("/login", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(1000);
            await home.Page.GotoAsync("/queue");
        }

        Assert.Contains("/login", home.Page.Url, StringComparison.Ordinal);
        await office.AssertCleanAsync();
    }
}
