namespace Window.Ui.Tests;

/// <summary>
/// Issue 20's acts on screen: the desk refuses at the window with every reason and a supervisor finds the refusal; a
/// supervisor reassigns an absent clerk's step and hands an officer's cases over after the count, while the admin page
/// refuses to deactivate an officer who still holds work; an officer follows up and closes a rectification; the desk
/// hands a result to a proxy at the window.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CaseActs(UiHost host)
{
    private const string Checkup = "medical-checkup.checkup-arrangement";

    [Fact]
    public async Task the_desk_refuses_at_the_window_with_every_reason_and_a_supervisor_finds_it()
    {
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/new");
        var page = desk.Page;
        var idNumber = Talents.IdNumber("33010619880405021");
        await page.FillAsync("#name", "钱十一");
        await page.FillAsync("#idNumber", idNumber);
        await page.FillAsync("#phone", "13900139011");
        await page.SelectOptionAsync("#tier", "C");
        await page.ClickAsync("[data-testid=next-talent]");
        await page.CheckAsync("[data-testid=item-housing-subsidy]");
        await page.ClickAsync("[data-testid=next-items]");
        await page.ClickAsync("[data-testid=start-refusal]");
        await page.WaitForSelectorAsync("[data-testid=refusal-form]");

        // Nothing chosen and the suggested text removed: refused under the reasons, nothing recorded.
        await page.FillAsync("[data-testid=refusal-text]", "");
        await page.ClickAsync("[data-testid=refuse]");
        await page.WaitForSelectorAsync("[data-testid=error-reasons]:has-text('至少')");
        await desk.ShotAsync("60-desk-refusal-needs-a-reason");

        // Choosing a reason answers the problem: it leaves the field at once, before the next try.
        await page.CheckAsync("[data-testid=reason-subsidy-already-granted]");
        await page.WaitForSelectorAsync("[data-testid=error-reasons]:has-text('至少')", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        await page.FillAsync("[data-testid=refusal-text]", "申请人已在外市领取同类购房补贴。");
        await desk.ShotAsync("61-desk-refusal-form");
        await page.ClickAsync("[data-testid=refuse]");
        await page.WaitForSelectorAsync("[data-testid=refused]");
        var number = (await page.InnerTextAsync("[data-testid=refusal-number]")).Trim();
        Assert.Matches(@"^BY-\d{4}-\d{6}$", number);
        var decision = await StaffBrowser.TextOfAsync(page.Locator("[data-testid=refusal-form]"));
        Assert.Contains("已领取过购房补贴", decision);
        Assert.Contains("申请人已在外市领取同类购房补贴", decision);
        Assert.Contains("行政复议", decision);
        Assert.Contains("行政诉讼", decision);
        Assert.DoesNotContain(idNumber, await page.ContentAsync());
        await desk.ShotAsync("62-desk-refusal-decision");
        await desk.AssertCleanAsync();

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoAsync("/refusals");
        var row = await StaffBrowser.TextOfAsync(supervisor.Page.Locator($"[data-testid=refusal-{number}]"));
        Assert.Contains("钱**", row);
        Assert.Contains("购房补贴", row);
        Assert.Contains("已领取过购房补贴", row);
        Assert.Contains("窗口受理员 王敏", row);
        Assert.DoesNotContain(idNumber, row);
        await supervisor.ShotAsync("63-supervisor-refusals");
        await supervisor.AssertCleanAsync();
    }

    [Fact]
    public async Task a_supervisor_reassigns_a_step_and_hands_an_officers_cases_over_after_the_admin_page_asks_for_it()
    {
        using (var admin = await ApiSeed.SignInAsync(host, "admin"))
        {
            await admin.PostAsync("/api/admin/users", new { username = "health-second", displayName = "卫健委 冯二", role = "department", department = "health", password = UiHost.Password });
            await admin.PostAsync("/api/admin/users", new { username = "officer-away", displayName = "人才专员 褚三", role = "officer", password = UiHost.Password });
            await admin.PostAsync("/api/admin/users", new { username = "officer-cover", displayName = "人才专员 卫四", role = "officer", password = UiHost.Password });
        }

        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619890708022"), name: "孙十二", phone: "13900139012");
        var caseId = opened.GetProperty("id").GetString()!;
        using var supervisorApi = await ApiSeed.SignInAsync(host, "supervisor");
        if (opened.GetProperty("officer").GetString() != "officer-away")
        {
            // The window's choice may already have fallen on the new officer (the least loaded): then there is nothing to move.
            await supervisorApi.PostAsync($"/api/cases/{caseId}/officer", new { officer = "officer-away" });
        }
        using (var health = await ApiSeed.SignInAsync(host, "health"))
        {
            await health.PostAsync($"/api/cases/{caseId}/steps/{Checkup}/claim", new { });
        }

        // The administrator may not deactivate an officer who still owns a case: the page asks for the handover first.
        await using (var admin = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await admin.SignInAsync("admin");
            await admin.GoAsync("/admin");
            await admin.Page.ClickAsync("[data-testid=edit-officer-away]");
            await admin.Page.UncheckAsync("[data-testid=edit-active]");
            await admin.Page.ClickAsync("[data-testid=save-user]");
            var held = await StaffBrowser.TextOfAsync(admin.Page.Locator("[data-testid=open-work]"));
            Assert.Contains("1 件未出件的办件", held);
            Assert.Contains("移交", held);
            await admin.ShotAsync("64-admin-deactivation-asks-for-handover");
            await admin.AssertCleanAsync();
        }

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        var page = supervisor.Page;

        // 改派: the absent clerk's claimed step goes to a colleague of the same department.
        await supervisor.GoAsync($"/cases/{caseId}");
        await page.ClickAsync($"[data-testid='assign-{Checkup}']");
        await page.WaitForSelectorAsync("[data-testid=assign-dialog]");
        Assert.Contains("期限不变", await page.InnerTextAsync("[data-testid=dialog-warning]"));
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=error-user]:has-text('经办人')");
        await page.SelectOptionAsync("[data-testid=assignee]", "health-second");
        await supervisor.ShotAsync("65-supervisor-reassigns-a-step");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=message]:has-text('已改派')");
        Assert.Contains("卫健委 冯二", await page.InnerTextAsync($"[data-testid='claimed-{Checkup}']"));
        Assert.Contains("改派经办人", await page.InnerTextAsync("[data-testid=timeline]"));
        await supervisor.AssertCleanAsync();

        // 工作移交: the count first, then one confirmation moves every case.
        await supervisor.GoAsync("/handover?from=officer-away");
        Assert.Contains("1 件", await page.InnerTextAsync("[data-testid=open-work]"));
        await page.SelectOptionAsync("[data-testid=to]", "officer-cover");
        await page.ClickAsync("[data-testid=hand-over]");
        await page.WaitForSelectorAsync("[data-testid=handover-dialog]");
        var warning = await page.InnerTextAsync("[data-testid=dialog-warning]");
        Assert.Contains("1 件", warning);
        Assert.Contains("人才专员 卫四", warning);
        await supervisor.ShotAsync("66-supervisor-handover-confirm");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=message]:has-text('已将 1 件')");
        Assert.Contains("0 件", await page.InnerTextAsync("[data-testid=open-work]"));
        await supervisor.ShotAsync("67-supervisor-handover-done");
        await supervisor.AssertCleanAsync();

        var moved = await supervisorApi.GetAsync($"/api/cases/{caseId}");
        Assert.Equal("officer-cover", moved.GetProperty("officer").GetString());

        // The scene's accounts go again, so that later journeys' cases keep going to the demo officer.
        await supervisorApi.PostAsync("/api/officers/officer-cover/handover", new { to = "officer" });
        using var adminApi = await ApiSeed.SignInAsync(host, "admin");
        foreach (var user in new[] { "officer-away", "officer-cover" })
        {
            await adminApi.PutAsync($"/api/admin/users/{user}", new { displayName = user, role = "officer", active = false });
        }
    }

    [Fact]
    public async Task an_officer_follows_up_and_closes_a_rectification()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619900911023"), name: "李十三", phone: "13900139013");
        var caseId = opened.GetProperty("id").GetString()!;
        var number = opened.GetProperty("number").GetString()!;
        using (var health = await ApiSeed.SignInAsync(host, "health"))
        {
            await health.PostAsync($"/api/cases/{caseId}/steps/{Checkup}/complete", new { outcome = "approve", opinion = "已安排体检" });
        }

        await desk.PostAsync($"/api/cases/{caseId}/delivery", new { method = "post" });
        await desk.PostAsync($"/api/cases/{caseId}/evaluation", new { level = 2, comment = "排队太久" });

        await using var officer = await StaffBrowser.OpenAsync(host, 1440, 900);
        await officer.SignInAsync(opened.GetProperty("officer").GetString()!);
        await officer.GoAsync("/rectifications");
        var page = officer.Page;
        var row = $"[data-testid=rect-{number}]";
        Assert.Contains("不满意", await page.InnerTextAsync(row));

        // Closing before any follow-up is refused in the dialog; the follow-up, then the closure.
        await page.ClickAsync($"[data-testid=close-{number}]");
        await page.FillAsync("[data-testid=rect-text]", "已优化排队叫号");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=dialog-error]:has-text('回访')");
        await page.ClickAsync("[data-testid=cancel]");
        await page.ClickAsync($"[data-testid=follow-up-{number}]");
        await page.FillAsync("[data-testid=rect-text]", "电话回访申请人，致歉并说明已增加周六窗口；申请人表示理解。");
        await officer.ShotAsync("68-officer-rectification-follow-up");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=message]:has-text('记录回访')");
        Assert.Contains("致歉", await page.InnerTextAsync("[data-testid=follow-ups]"));
        await page.ClickAsync($"[data-testid=close-{number}]");
        await page.FillAsync("[data-testid=rect-text]", "增加周六窗口，体检预约等候缩短至 2 个工作日。");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=message]:has-text('整改办结')");
        Assert.Equal(0, await page.Locator(row).CountAsync());
        await page.ClickAsync("[data-testid=filter-closed]");
        await page.WaitForSelectorAsync($"{row} >> text=已办结");
        await officer.ShotAsync("69-officer-rectification-closed");
        await officer.AssertCleanAsync();

        var timeline = await desk.GetAsync($"/api/cases/{caseId}/timeline");
        var kinds = timeline.EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Contains("rectification-followed-up", kinds);
        Assert.Contains("rectification-closed", kinds);
    }

    [Fact]
    public async Task an_officer_appeals_a_poor_rating_and_a_supervisor_voids_it()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619910203027"), name: "周十七", phone: "13900139017");
        var caseId = opened.GetProperty("id").GetString()!;
        var number = opened.GetProperty("number").GetString()!;
        using (var health = await ApiSeed.SignInAsync(host, "health"))
        {
            await health.PostAsync($"/api/cases/{caseId}/steps/{Checkup}/complete", new { outcome = "approve", opinion = "已安排体检" });
        }

        await desk.PostAsync($"/api/cases/{caseId}/delivery", new { method = "post" });
        await desk.PostAsync($"/api/cases/{caseId}/evaluation", new { level = 1, comment = "态度差" });

        // The officer appeals: the reason is required, then the rating waits for a supervisor.
        await using (var officer = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await officer.SignInAsync(opened.GetProperty("officer").GetString()!);
            await officer.GoAsync("/rectifications");
            var page = officer.Page;
            await page.ClickAsync($"[data-testid=appeal-{number}]");
            await page.ClickAsync("[data-testid=confirm]");
            await page.WaitForSelectorAsync("[data-testid=error-reason]:not(:empty)");
            await page.FillAsync("[data-testid=rect-text]", "申请人评价的是另一窗口的排队，与本办件办理无关。");
            await page.ClickAsync("[data-testid=confirm]");
            await page.WaitForSelectorAsync("[data-testid=message]:has-text('申诉')");
            Assert.Contains("申诉待裁定", await page.InnerTextAsync($"[data-testid=state-{number}]"));
            await officer.AssertCleanAsync();
        }

        // The supervisor voids the rating: it leaves the figures, stays in the journal, and the rectification closes.
        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoAsync("/rectifications");
        await supervisor.Page.ClickAsync("[data-testid=filter-appealed]");
        await supervisor.Page.ClickAsync($"[data-testid=void-{number}]");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=rectification-dialog]");
        await supervisor.ShotAsync("72-supervisor-voids-a-rating");
        await supervisor.Page.ClickAsync("[data-testid=confirm]");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=message]:has-text('作废评价')");
        await supervisor.AssertCleanAsync();

        var timeline = await desk.GetAsync($"/api/cases/{caseId}/timeline");
        var kinds = timeline.EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Contains("rating-appealed", kinds);
        Assert.Contains("rating-voided", kinds);
        Assert.Contains("evaluated", kinds);
    }

    [Fact]
    public async Task the_desk_delivers_at_the_window_to_a_proxy_shown_masked()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619910312024"), name: "周十四", phone: "13900139014");
        var caseId = opened.GetProperty("id").GetString()!;
        using (var health = await ApiSeed.SignInAsync(host, "health"))
        {
            await health.PostAsync($"/api/cases/{caseId}/steps/{Checkup}/complete", new { outcome = "approve", opinion = "体检已安排在 12 月 3 日" });
        }

        var proxyId = Talents.IdNumber("33010219800101025");
        await using var browser = await StaffBrowser.OpenAsync(host, 1440, 900);
        await browser.SignInAsync("desk");
        await browser.GoAsync($"/cases/{caseId}");
        var page = browser.Page;
        Assert.Contains("体检已安排在 12 月 3 日", await page.InnerTextAsync($"[data-testid='opinion-{Checkup}']"));

        await page.ClickAsync("[data-testid=deliver]");
        await page.CheckAsync("[data-testid=method-in-person]");
        await page.CheckAsync("[data-testid=collector-proxy]");
        await page.FillAsync("[data-testid=proxy-name]", "吴十五");
        await page.FillAsync("[data-testid=proxy-id]", proxyId[..17] + (proxyId[17] == '1' ? "2" : "1"));
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid='error-proxy.idNumber']:has-text('校验')");
        await page.FillAsync("[data-testid=proxy-id]", proxyId);
        await browser.ShotAsync("70-desk-deliver-to-proxy");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=message]:has-text('已出件')");
        var delivery = await page.InnerTextAsync("[data-testid=delivery]");
        Assert.Contains("委托他人代领", delivery);
        Assert.Contains("吴*", delivery);
        Assert.Contains(proxyId[^4..], delivery);
        Assert.DoesNotContain(proxyId, await page.ContentAsync());
        Assert.DoesNotContain("吴十五", await page.ContentAsync());
        await browser.ShotAsync("71-desk-delivered-to-proxy");
        await browser.AssertCleanAsync();
    }
}
