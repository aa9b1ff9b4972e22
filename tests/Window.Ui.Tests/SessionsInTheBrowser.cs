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
}
