namespace Window.Ui.Tests;

/// <summary>
/// The administrative acts on screen (issue 20): the officer asks for an extension (a missing reason is refused under its
/// field first), a supervisor approves it on the decisions page, and the case page shows the new statutory date; the
/// officer suspends a case (its clocks stop) and resumes it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ActsJourney(UiHost host)
{
    [Fact]
    public async Task the_officer_asks_for_an_extension_a_supervisor_approves_it_and_the_statutory_date_moves()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619900305007"), name: "郑十", phone: "13300133000");
        var caseId = opened.GetProperty("id").GetString()!;
        var number = opened.GetProperty("number").GetString()!;
        var statutoryBefore = opened.GetProperty("acts").GetProperty("statutoryBy").GetString()!;

        await using var officer = await StaffBrowser.OpenAsync(host, 1440, 900);
        await officer.SignInAsync(opened.GetProperty("officer").GetString()!);
        await officer.GoAsync($"/cases/{caseId}");
        var page = officer.Page;
        var before = await page.InnerTextAsync("[data-testid=statutory-by]");
        await page.ClickAsync("[data-testid=request-extension]");
        await page.WaitForSelectorAsync("[data-testid=extension-dialog]");
        await page.FillAsync("#extension-days", "5");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=error-reason]:not(:empty)");
        Assert.Equal("true", await page.GetAttributeAsync("#extension-reason", "aria-invalid"));
        await officer.ShotAsync("60-extension-reason-missing");
        await page.FillAsync("#extension-reason", "需组织专家论证体检结论");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=extension-pending]");
        Assert.Contains("延期申请已提交督查审批", await page.InnerTextAsync("[data-testid=message]"));
        Assert.Equal(before, await page.InnerTextAsync("[data-testid=statutory-by]"));
        await officer.ShotAsync("61-extension-requested");
        await officer.AssertCleanAsync();

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoAsync("/supervision/decisions");
        var decisions = supervisor.Page;
        var row = decisions.Locator($"[data-testid=decision-{number}]");
        Assert.Contains("需组织专家论证体检结论", await row.InnerTextAsync());
        Assert.Contains("5 个工作日", await row.InnerTextAsync());
        await supervisor.ShotAsync("62-decisions");
        await decisions.ClickAsync($"[data-testid=approve-{number}]");
        await decisions.WaitForSelectorAsync("[data-testid=decision-dialog]");
        await decisions.FillAsync("#decision-comment", "同意延期，告知申请人");
        await decisions.ClickAsync("[data-testid=confirm]");
        await decisions.WaitForSelectorAsync("[data-testid=message]");
        Assert.Equal(0, await decisions.Locator($"[data-testid=decision-{number}]").CountAsync());
        await supervisor.ShotAsync("63-decision-approved");
        await supervisor.AssertCleanAsync();

        await officer.GoAsync($"/cases/{caseId}");
        await page.WaitForSelectorAsync("[data-testid=extension-approved]");
        var after = await page.InnerTextAsync("[data-testid=statutory-by]");
        Assert.NotEqual(before, after);
        var moved = DateOnly.Parse(statutoryBefore, System.Globalization.CultureInfo.InvariantCulture);
        using var api = await ApiSeed.SignInAsync(host, opened.GetProperty("officer").GetString()!);
        var now = await api.GetAsync($"/api/cases/{caseId}");
        var statutoryAfter = DateOnly.Parse(now.GetProperty("acts").GetProperty("statutoryBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(statutoryAfter > moved);
        Assert.Contains($"{statutoryAfter.Year}年{statutoryAfter.Month}月{statutoryAfter.Day}日", after);
        Assert.Contains("批准延期", await page.InnerTextAsync("[data-testid=timeline]"));
        await officer.ShotAsync("64-extension-approved-case");
    }

    [Fact]
    public async Task the_officer_suspends_a_case_and_resumes_it()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619921111008"), name: "王十一", phone: "13200132000");
        var caseId = opened.GetProperty("id").GetString()!;

        await using var officer = await StaffBrowser.OpenAsync(host, 1440, 900);
        await officer.SignInAsync(opened.GetProperty("officer").GetString()!);
        await officer.GoAsync($"/cases/{caseId}");
        var page = officer.Page;
        await page.ClickAsync("[data-testid=suspend]");
        await page.WaitForSelectorAsync("[data-testid=suspend-dialog]");
        await page.FillAsync("#suspend-reason", "等待法院裁定");
        await officer.ShotAsync("65-suspend-dialog");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=suspended]");
        Assert.Contains("中止中", await page.InnerTextAsync("[data-testid=statutory-by]"));
        Assert.Contains("中止办理", await page.InnerTextAsync("[data-testid=timeline]"));
        Assert.Equal(0, await page.Locator("[data-testid=suspend]").CountAsync());
        await officer.ShotAsync("66-case-suspended");

        await page.ClickAsync("[data-testid=resume]");
        await page.WaitForSelectorAsync("[data-testid=resume-dialog]");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=suspend]");
        Assert.Equal(0, await page.Locator("[data-testid=suspended]").CountAsync());
        Assert.Contains("恢复办理", await page.InnerTextAsync("[data-testid=timeline]"));
        Assert.Contains("年", await page.InnerTextAsync("[data-testid=statutory-by]"));
        await officer.ShotAsync("67-case-resumed");
        await officer.AssertCleanAsync();
    }

    [Fact]
    public async Task the_officer_terminates_a_case_with_a_reason_and_its_notice_is_issued()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619930304019"), name: "吴十九", phone: "13200132019");
        var caseId = opened.GetProperty("id").GetString()!;

        await using var officer = await StaffBrowser.OpenAsync(host, 1440, 900);
        await officer.SignInAsync(opened.GetProperty("officer").GetString()!);
        await officer.GoAsync($"/cases/{caseId}");
        var page = officer.Page;
        await page.ClickAsync("[data-testid=terminate]");
        await page.WaitForSelectorAsync("[data-testid=terminate-dialog]");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=error-reason]:not(:empty)");
        await page.FillAsync("#terminate-reason", "申请人死亡，无继承人");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=document-termination]");
        Assert.Equal(0, await page.Locator("[data-testid=terminate]").CountAsync());
        Assert.Contains("终止办理", await page.InnerTextAsync("[data-testid=timeline]"));

        // Its item ended by the termination says so (no department refused it), and nothing is offered to deliver.
        Assert.Equal("已终止", (await page.InnerTextAsync("[data-testid=item-status-medical-checkup]")).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=visit]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=deliver]").CountAsync());
        await officer.ShotAsync("70-case-terminated");
        await officer.AssertCleanAsync();

        var view = await desk.GetAsync($"/api/cases/{caseId}");
        Assert.Equal("terminated", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_talent_sees_what_to_bring_by_when_and_that_the_limit_was_extended()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("medical-checkup", Talents.IdNumber("33010619940707009"), name: "钱十二", phone: "13100131000");
        var caseId = opened.GetProperty("id").GetString()!;
        var number = opened.GetProperty("number").GetString()!;
        var code = opened.GetProperty("lookupCode").GetString()!;
        const string Step = "medical-checkup.checkup-arrangement";
        using (var health = await ApiSeed.SignInAsync(host, "health"))
        {
            await health.PostAsync($"/api/cases/{caseId}/steps/{Step}/claim", new { });
            await health.PostAsync($"/api/cases/{caseId}/steps/{Step}/complete", new { outcome = "return", missing = new[] { "health-questionnaire" }, reason = "问卷未签名" });
        }

        using (var officerApi = await ApiSeed.SignInAsync(host, opened.GetProperty("officer").GetString()!))
        {
            await officerApi.PostAsync($"/api/cases/{caseId}/extension", new { days = 5, reason = "需组织专家会诊" });
        }

        using (var supervisorApi = await ApiSeed.SignInAsync(host, "supervisor"))
        {
            await supervisorApi.PostAsync($"/api/cases/{caseId}/extension/decision", new { approve = true });
        }

        foreach (var (width, height, shot) in new[] { (390, 844, "68-progress-phone-supplement-due"), (1440, 900, "69-progress-desktop-supplement-due") })
        {
            await using var talent = await StaffBrowser.OpenAsync(host, width, height);
            await talent.GoAsync($"/progress?number={Uri.EscapeDataString(number)}");
            var page = talent.Page;
            await page.FillAsync("#code", code);
            await page.PressAsync("#code", "Enter");
            await page.WaitForSelectorAsync("[data-testid=bring-health-questionnaire]");
            var bring = await page.InnerTextAsync("[data-testid=bring-health-questionnaire]");
            Assert.Contains("要求补正，请于", bring);
            Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", await page.InnerTextAsync("[data-testid=bring-due-health-questionnaire]"));
            Assert.Contains("延长办理期限 5 个工作日", await page.InnerTextAsync("[data-testid=public-extension]"));
            await talent.ShotAsync(shot);
            await talent.AssertCleanAsync();
        }
    }
}
