using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// Every page under the Content-Security-Policy (issue 16): a blocked inline script, style or connection shows up as
/// a console error, which <see cref="StaffBrowser.AssertCleanAsync"/> fails on.
/// </summary>
public sealed partial class Journey
{
    [Fact]
    public async Task every_staff_page_and_every_public_page_works_under_the_content_security_policy()
    {
        await using (var anonymous = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await AssertPolicyAsync(await anonymous.Page.GotoAsync("/login"));
            await anonymous.GoAsync("/progress");
            await anonymous.ShotAsync("20-csp-progress");
            await anonymous.AssertCleanAsync();
        }

        OpenedCase opened;
        await using (var desk = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await desk.SignInAsync("desk");

            // The name's rule (TextRules) shows its message under the field, before anything reaches the server.
            await desk.GoAsync("/desk/new");
            await desk.Page.FillAsync("#name", "   ");
            await desk.Page.ClickAsync("[data-testid=next-talent]");
            Assert.Contains("姓名", await desk.Page.InnerTextAsync("[data-testid='error-talent.name']"));
            await desk.ShotAsync("21-csp-desk-field-error");

            opened = await OpenCaseAsync(desk, "王五", Talents.IdNumber("44030419850615003"), "13700137000", item: "medical-checkup");
            await desk.ShotAsync("22-csp-receipt");
            foreach (var path in new[] { "/desk/cases", $"/cases/{opened.Id}", "/denied" })
            {
                await AssertPolicyAsync(await desk.Page.GotoAsync(path));
                await desk.ReadyAsync();
            }

            // Sign-out is wired by window.js now that inline handlers are refused.
            await desk.Page.ClickAsync("[data-testid=sign-out]");
            await desk.Page.WaitForURLAsync("**/login");
            await desk.AssertCleanAsync();
        }

        await VisitAsync("officer", "/officer", $"/cases/{opened.Id}");
        await VisitAsync("health", "/queue", $"/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement");
        await VisitAsync("supervisor", "/supervisor", $"/cases/{opened.Id}");
        await VisitAsync("admin", "/admin", "/admin/calendar", "/admin/catalog");

        await using var talent = await StaffBrowser.OpenAsync(host, 1440, 900);
        await talent.GoAsync("/progress");
        await talent.Page.FillAsync("#number", opened.Number);
        await talent.Page.FillAsync("#code", opened.Code);
        await talent.Page.ClickAsync("[data-testid=lookup]");
        await talent.Page.WaitForSelectorAsync("[data-testid=progress]");
        await talent.AssertCleanAsync();
    }

    private async Task VisitAsync(string user, params string[] paths)
    {
        await using var staff = await StaffBrowser.OpenAsync(host, 1440, 900);
        await staff.SignInAsync(user);
        foreach (var path in paths)
        {
            await AssertPolicyAsync(await staff.Page.GotoAsync(path));
            await staff.ReadyAsync();
        }

        await staff.ShotAsync($"23-csp-{user}");
        await staff.AssertCleanAsync();
    }

    private static async Task AssertPolicyAsync(IResponse? response)
    {
        Assert.NotNull(response);
        var headers = await response.AllHeadersAsync();
        Assert.Contains("script-src 'self';", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
    }
}
