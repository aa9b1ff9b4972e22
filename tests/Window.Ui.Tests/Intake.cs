using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// Issue 18's forms that help, in the browser: the desk's form marks every wrong field at once and takes a settle-in
/// bundle with 全部已收 in a handful of clicks; the talent's progress page works with the keyboard alone on a phone.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class Intake(UiHost host)
{
    private static readonly string[] TalentFields = ["talent.name", "talent.idNumber", "talent.phone", "talent.tier"];
    private static readonly string[] SettleInItems = ["talent-certification", "talent-apartment", "medical-checkup", "school-enrollment", "household-registration"];

    [Fact]
    public async Task an_empty_form_shows_every_error_at_once_in_one_click_and_each_clears_as_it_is_fixed()
    {
        await using var desk = await NewCaseFormAsync();
        var page = desk.Page;

        await page.ClickAsync("[data-testid=next-talent]");

        await page.WaitForSelectorAsync("[data-testid=error-summary]");
        foreach (var field in TalentFields)
        {
            Assert.True(await page.IsVisibleAsync($"[data-testid='error-{field}']"), field + " shows no error");
        }

        Assert.Contains("4", await page.InnerTextAsync("[data-testid=error-summary]"));
        Assert.Equal("true", await page.GetAttributeAsync("#idNumber", "aria-invalid"));
        Assert.Equal("name", await ActiveIdAsync(page));
        Assert.Equal("rgb(198, 40, 40)", await page.EvalOnSelectorAsync<string>("#phone", "e => getComputedStyle(e).borderTopColor"));
        await desk.ShotAsync("30-desk-new-every-error");

        // The same rule as the API: an unknown region code and a birth date in 2030 are refused, each with its own words.
        await page.FillAsync("#idNumber", Talents.IdNumber("99999919900307001"));
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-testid='error-talent.idNumber']\")?.textContent.includes('地区码')");
        await page.FillAsync("#idNumber", Talents.IdNumber("33010620300307001"));
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-testid='error-talent.idNumber']\")?.textContent.includes('出生日期')");
        await desk.ShotAsync("31-desk-new-future-birth-date");

        await page.FillAsync("#name", "赵六");
        await page.FillAsync("#idNumber", Talents.IdNumber("33010619910101006"));
        await page.WaitForSelectorAsync("[data-testid='error-talent.idNumber']", new() { State = WaitForSelectorState.Detached });
        Assert.False(await page.IsVisibleAsync("[data-testid='error-talent.name']"));
        Assert.True(await page.IsVisibleAsync("[data-testid='error-talent.phone']"));
        await page.FillAsync("#phone", "13600136000");
        await page.SelectOptionAsync("#tier", "D");
        await page.WaitForSelectorAsync("[data-testid=error-summary]", new() { State = WaitForSelectorState.Detached });

        // Enter in a field goes on to the items.
        await page.FocusAsync("#phone");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=items-form]");
        await desk.AssertCleanAsync();
    }

    [Fact]
    public async Task a_bundle_is_accepted_with_all_received_in_seven_clicks()
    {
        await using var desk = await NewCaseFormAsync();
        var page = desk.Page;
        var clicks = 0;
        var idNumber = Talents.IdNumber("32010219870405004");

        // The talent's fields are typed; the tier is one choice; Enter goes on.
        await page.FillAsync("#name", "钱七");
        await page.FillAsync("#idNumber", idNumber.ToLowerInvariant());
        await page.FillAsync("#phone", "13500135000");
        await page.SelectOptionAsync("#tier", "B");
        clicks++;
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=items-form]");

        // From here the clerk may check what they typed, then hide it again.
        Assert.Contains("*", await page.InnerTextAsync("[data-testid=talent-id]"));
        await page.ClickAsync("[data-testid=unmask]");
        await Assertions.Expect(page.Locator("[data-testid=talent-id]")).ToHaveTextAsync($"{idNumber[..6]} {idNumber[6..14]} {idNumber[14..]}");
        await Assertions.Expect(page.Locator("[data-testid=talent-phone]")).ToHaveTextAsync("135 0013 5000");
        await Assertions.Expect(page.Locator("[data-testid=unmask]")).ToHaveAttributeAsync("aria-pressed", "true");
        await desk.ShotAsync("32-desk-new-unmasked");
        await page.ClickAsync("[data-testid=unmask]");
        await Assertions.Expect(page.Locator("[data-testid=talent-id]")).ToHaveTextAsync(new Regex(@"^\d{3}\*{11}\w{4}$"));

        await page.ClickAsync("[data-testid=bundle-settle-in]");
        clicks++;
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=missing-panel]");

        // The missing list reads in the checklist's order and shrinks as boxes are ticked.
        var requiredInTable = new List<string>();
        foreach (var row in await page.Locator("tr[data-testid^=material-]").AllAsync())
        {
            if ((await row.InnerTextAsync()).Contains("必交", StringComparison.Ordinal))
            {
                requiredInTable.Add((await row.GetAttributeAsync("data-testid"))!["material-".Length..]);
            }
        }

        Assert.Equal(requiredInTable, await MissingAsync(page));
        Assert.Equal(12, await page.Locator("input[data-testid^=provide-]").CountAsync());

        // 受理 now is refused by the same list (一次性告知), shown where the list is; not a click the clerk needs.
        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForSelectorAsync("[data-testid=missing-refused]");
        Assert.False(await page.IsVisibleAsync("[data-testid=error]"));
        Assert.Equal(requiredInTable, await MissingAsync(page));
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await desk.ShotAsync("33-desk-new-checklist");

        // A material's name or its row ticks it, and untick it again.
        await page.ClickAsync("[data-testid=name-degree-certificate]");
        Assert.True(await page.IsCheckedAsync("[data-testid=provide-degree-certificate]"));
        await page.WaitForSelectorAsync("[data-testid=missing-degree-certificate]", new() { State = WaitForSelectorState.Detached });
        Assert.Equal(requiredInTable.Where(id => id != "degree-certificate"), await MissingAsync(page));
        await page.ClickAsync("[data-testid=material-degree-certificate] td:nth-child(3)");
        Assert.False(await page.IsCheckedAsync("[data-testid=provide-degree-certificate]"));

        // 全部已收, item by item; household registration needs nothing the four before it did not bring.
        foreach (var item in SettleInItems[..^1])
        {
            await page.ClickAsync($"[data-testid=all-{item}]");
            clicks++;
            await page.WaitForSelectorAsync($"[data-testid=all-{item}][disabled]");
        }

        Assert.True(await page.IsDisabledAsync($"[data-testid=all-{SettleInItems[^1]}]"));
        Assert.Equal("已收 5/5", (await page.InnerTextAsync($"[data-testid=received-{SettleInItems[^1]}]")).Trim());
        Assert.Contains("已收齐", await page.InnerTextAsync($"[data-testid=all-{SettleInItems[^1]}]"));

        await page.WaitForSelectorAsync("[data-testid=complete]");
        Assert.Equal(12, await page.Locator("input[data-testid^=provide-]:checked").CountAsync());
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await desk.ShotAsync("34-desk-new-all-received");

        await page.ClickAsync("[data-testid=accept]");
        clicks++;
        await page.WaitForURLAsync(new Regex("/receipt$"));
        await desk.ReadyAsync();
        Assert.Contains("子女入学", await page.InnerTextAsync("[data-testid=receipt-items]"));

        // Before issue 18: tier, 下一步, the bundle, 下一步, the 12 boxes one by one and 受理 (17; 18 with the first 受理
        // that revealed the missing list). Now: tier, the bundle, four 全部已收 and 受理.
        Assert.Equal(7, clicks);
        await desk.AssertCleanAsync();
    }

    [Fact]
    public async Task the_public_page_is_used_with_the_keyboard_alone_on_a_phone_and_knows_it_was_rated_after_a_reload()
    {
        var opened = await SeedCompletedCheckupAsync();
        await using var talent = await StaffBrowser.OpenAsync(host, 390, 844);
        await talent.GoAsync("/progress");
        var page = talent.Page;
        Assert.Contains("RC-", await page.InnerTextAsync("[data-testid=number-hint]"));
        Assert.Contains("不区分大小写", await page.InnerTextAsync("[data-testid=code-hint]"));
        await talent.ShotAsync("40-progress-phone");

        await FindByKeyboardAsync(page, opened);
        Assert.Contains("已办结", await page.InnerTextAsync("[data-testid=case-status]"));

        // Tab reaches the rating group; the arrow keys choose a level; Tab, Tab, Enter submits it.
        await TabUntilAsync(page, "() => document.activeElement?.name === 'rating'");
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement.closest('label')).outlineStyle"));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.True(await page.IsCheckedAsync("[data-testid=rate-4] input"));
        await talent.ShotAsync("41-progress-phone-rating-focus");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("comment", await ActiveIdAsync(page));
        await page.Keyboard.TypeAsync("窗口一次办好");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("submit-rating", await page.EvaluateAsync<string>("() => document.activeElement?.dataset.testid ?? ''"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Contains("已评价", await page.InnerTextAsync("[data-testid=rated]"));
        Assert.Contains("满意", await page.InnerTextAsync("[data-testid=rated]"));

        await page.ReloadAsync();
        await talent.ReadyAsync();
        Assert.False(await page.IsVisibleAsync("[data-testid=rated]"));
        await FindByKeyboardAsync(page, opened);
        var rated = await page.InnerTextAsync("[data-testid=rated]");
        Assert.Contains("已评价", rated);
        Assert.Contains("满意", rated);
        Assert.Equal(0, await page.Locator("[data-testid=rating]").CountAsync());
        await talent.ShotAsync("42-progress-phone-rated");
        await talent.AssertCleanAsync();
    }

    [Fact]
    public async Task the_talent_sees_what_to_bring_by_when_and_the_last_day_of_the_public_notice()
    {
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7);
        var opened = await SeedNoticeWithDeferredMaterialAsync(due);

        foreach (var (width, height, shot) in new[] { (390, 844, "43-progress-phone-bring"), (1440, 900, "44-progress-desktop-bring") })
        {
            await using var talent = await StaffBrowser.OpenAsync(host, width, height);
            await talent.GoAsync("/progress");
            await talent.Page.FillAsync("#number", opened.Number);
            await talent.Page.FillAsync("#code", opened.Code);
            await talent.Page.PressAsync("#code", "Enter");
            await talent.Page.WaitForSelectorAsync("[data-testid=progress]");

            Assert.Contains("社保缴纳记录", await talent.Page.InnerTextAsync("[data-testid=bring-social-insurance-record]"));
            Assert.StartsWith($"{due.Year}年{due.Month}月{due.Day}日（周", (await talent.Page.InnerTextAsync("[data-testid=bring-due-social-insurance-record]")).Trim());
            Assert.Contains("个工作日", await talent.Page.InnerTextAsync("[data-testid=promised-left]"));
            Assert.Contains("期满日", await talent.Page.InnerTextAsync("[data-testid=wait-ends]"));
            await talent.ShotAsync(shot);
            await talent.AssertCleanAsync();
        }
    }

    /// <summary>The desk signed in on a 1440×900 screen, on an empty new-case form.</summary>
    private async Task<StaffBrowser> NewCaseFormAsync()
    {
        var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/new");
        return desk;
    }

    private static async Task<List<string>> MissingAsync(IPage page)
    {
        var ids = new List<string>();
        foreach (var li in await page.Locator("[data-testid=missing] li").AllAsync())
        {
            ids.Add((await li.GetAttributeAsync("data-testid"))!["missing-".Length..]);
        }

        return ids;
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private static async Task TabUntilAsync(IPage page, string isThere)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(isThere))
            {
                return;
            }
        }

        throw new InvalidOperationException("Tab never reached " + isThere);
    }

    /// <summary>Tabs to the number, types it as a talent might (lower case, spaces around), then the code, and presses Enter.</summary>
    private static async Task FindByKeyboardAsync(IPage page, Seeded opened)
    {
        await TabUntilAsync(page, "() => document.activeElement?.id === 'number'");
        await page.Keyboard.TypeAsync(" " + opened.Number.ToLowerInvariant() + " ");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("code", await ActiveIdAsync(page));
        await page.Keyboard.TypeAsync(opened.Code.ToLowerInvariant() + " ");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=progress]");
    }

    private sealed record Seeded(string Id, string Number, string Code);

    /// <summary>A medical check-up opened at the desk and approved by health, through the API of a signed-in browser.</summary>
    private async Task<Seeded> SeedCompletedCheckupAsync()
    {
        var opened = await OpenThroughApiAsync("medical-checkup", Talents.IdNumber("37020219900101007"), ["identity-card", "health-questionnaire"], []);
        await DecideThroughApiAsync("health", opened.Id, "medical-checkup.checkup-arrangement");
        return opened;
    }

    /// <summary>A certification with its social-insurance record deferred, through both reviews into its 公示.</summary>
    private async Task<Seeded> SeedNoticeWithDeferredMaterialAsync(DateOnly due)
    {
        var opened = await OpenThroughApiAsync(
            "talent-certification", Talents.IdNumber("51010719890909008"), ["identity-card", "degree-certificate", "employment-contract"],
            [new { material = "social-insurance-record", due = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }]);
        await DecideThroughApiAsync("hrss", opened.Id, "talent-certification.hrss-review");
        await DecideThroughApiAsync("hrss", opened.Id, "talent-certification.expert-review");
        return opened;
    }

    private async Task<Seeded> OpenThroughApiAsync(string item, string idNumber, string[] materials, object[] deferred)
    {
        await using var desk = await StaffBrowser.OpenAsync(host);
        await desk.SignInAsync("desk");
        var body = await PostAsync(desk.Page, "/api/cases", new
        {
            talent = new { name = "孙八", idNumber, phone = "13300133000", tier = "C" },
            items = new[] { item },
            materials,
            deferred,
        });
        return new Seeded(body.GetProperty("id").GetString()!, body.GetProperty("number").GetString()!, body.GetProperty("lookupCode").GetString()!);
    }

    private async Task DecideThroughApiAsync(string department, string caseId, string step)
    {
        await using var staff = await StaffBrowser.OpenAsync(host);
        await staff.SignInAsync(department);
        await PostAsync(staff.Page, $"/api/cases/{caseId}/steps/{step}/complete", new { outcome = "approve" });
    }

    /// <summary>A change through the API with the page's cookies, as a script on the page would send it.</summary>
    private static async Task<JsonElement> PostAsync(IPage page, string path, object body)
    {
        var xsrf = (await page.Context.CookiesAsync()).Single(c => c.Name == "XSRF-TOKEN").Value;
        var response = await page.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            DataObject = body,
            Headers = new Dictionary<string, string> { ["X-XSRF-TOKEN"] = Uri.UnescapeDataString(xsrf), ["Idempotency-Key"] = Guid.NewGuid().ToString() },
        });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{response.Status} {path}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
