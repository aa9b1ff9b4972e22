using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// axe-core (bundled in Deque.AxeCore.Commons and injected by the test itself: nothing is fetched) scans the main pages
/// of every role; a serious or critical violation fails the scan. Violations known in pages another engineer owns are
/// listed in <see cref="Known"/> by page and rule, and the scan also fails once one of them is gone, so the list only
/// ever shrinks.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class Accessibility(UiHost host)
{
    /// <summary>
    /// Serious or critical violations found in pages this change does not own, by page name and axe rule: each is
    /// reported to the page's owner and removed here with its fix.
    /// </summary>
    private static readonly HashSet<(string Page, string Rule)> Known = [];

    [Fact]
    public async Task the_main_pages_have_no_serious_or_critical_violation()
    {
        ApiCases.Opened opened;
        await using (var opener = await StaffBrowser.OpenAsync(host))
        {
            await opener.SignInAsync("desk");
            opened = await ApiCases.OpenCheckupAsync(opener.Page, "赵无障", "33010619850615003");
        }

        var found = new List<string>();
        var seen = new HashSet<(string Page, string Rule)>();

        async Task ScanAsync(StaffBrowser browser, string name, string path, string? waitFor = null, Func<IPage, Task>? act = null, bool interactive = true)
        {
            if (interactive)
            {
                await browser.GoAsync(path);
            }
            else
            {
                await browser.Page.GotoAsync(path);
            }

            if (act is not null)
            {
                await act(browser.Page);
            }

            if (waitFor is not null)
            {
                await browser.Page.WaitForSelectorAsync(waitFor);
            }

            var result = await browser.Page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                seen.Add((name, violation.Id));
                if (!Known.Contains((name, violation.Id)))
                {
                    var nodes = string.Join("; ", violation.Nodes.Take(5).Select(n => $"{n.Target} {Shorten(n.Html)}"));
                    found.Add($"{name} ({path}): {violation.Id} [{violation.Impact}] {violation.Help} — {violation.Nodes.Length} element(s): {nodes}");
                }
            }
        }

        await using (var anonymous = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await ScanAsync(anonymous, "login", "/login", interactive: false);
            await ScanAsync(anonymous, "404", "/no-such-page", "[data-testid=status-page]", interactive: false);
        }

        await using (var talent = await StaffBrowser.OpenAsync(host, 390, 844))
        {
            await ScanAsync(talent, "progress", "/progress");
            await ScanAsync(talent, "progress-found", "/progress", "[data-testid=progress]", async page =>
            {
                await page.FillAsync("#number", opened.Number);
                await page.FillAsync("#code", opened.Code);
                await page.ClickAsync("[data-testid=lookup]");
                await page.WaitForSelectorAsync("[data-testid=progress]");
            });
        }

        await using (var desk = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await desk.SignInAsync("desk");
            await ScanAsync(desk, "desk-new", "/desk/new");
            await ScanAsync(desk, "desk-cases", "/desk/cases");
            await ScanAsync(desk, "search", "/search", "[data-testid=search-results]", async page =>
            {
                await page.FillAsync("[data-testid=search-query]", opened.Number);
                await page.PressAsync("[data-testid=search-query]", "Enter");
            });
            await ScanAsync(desk, "receipt", $"/cases/{opened.Id}/receipt", "[data-testid=receipt]");
        }

        await using (var officer = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await officer.SignInAsync("officer");
            await ScanAsync(officer, "officer-cases", "/officer");
            await ScanAsync(officer, "case", $"/cases/{opened.Id}", "[data-testid=timeline]");
        }

        await using (var health = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await health.SignInAsync("health");
            await ScanAsync(health, "queue", "/queue", "[data-testid=queue]");
            await ScanAsync(health, "step", $"/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement", "[data-testid=approve]");
        }

        await using (var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await supervisor.SignInAsync("supervisor");
            await ScanAsync(supervisor, "supervisor", "/supervisor", "[data-testid=tiles]");
        }

        await using (var admin = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await admin.SignInAsync("admin");
            await ScanAsync(admin, "admin-users", "/admin", "[data-testid=users]");
            await ScanAsync(admin, "admin-calendar", "/admin/calendar", "[data-testid=months]");
            await ScanAsync(admin, "admin-catalog", "/admin/catalog", "[data-testid=validation]");
        }

        var gone = Known.Where(k => !seen.Contains(k)).Select(k => $"{k.Page}: {k.Rule} no longer occurs; remove it from Known.").ToList();
        Assert.True(found.Count == 0 && gone.Count == 0, string.Join("\n", found.Concat(gone)));
    }

    private static string Shorten(string? html) => html is null ? "" : html.Length > 160 ? html[..160] + "…" : html;
}
