using System.Text.Json;

namespace Window.Ui.Tests;

/// <summary>Issue 21 in the browser: the bell opens the inbox, an item opens its case, the case shows its delivery log.</summary>
[Collection(UiCollection.Name)]
public sealed class Notifications(UiHost host)
{
    [Fact]
    public async Task the_bell_opens_the_inbox_and_an_item_opens_its_case_with_its_delivery_log()
    {
        using var desk = await ApiSeed.SignInAsync(host, "desk");
        var opened = await desk.OpenAsync("housing-subsidy", Talents.IdNumber("33010619890707021"), name: "钱十一", phone: "13300133000");
        var caseId = opened.GetProperty("id").GetString()!;
        var number = opened.GetProperty("number").GetString()!;
        var step = opened.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("stepId").GetString() == "talent-office-review").GetProperty("id").GetString()!;
        var material = opened.GetProperty("materials").EnumerateArray().First().GetProperty("id").GetString()!;
        using (var office = await ApiSeed.SignInAsync(host, "talent-office"))
        {
            await office.PostAsync($"/api/cases/{caseId}/steps/{step}/complete", new { outcome = "return", reason = "复印件不清晰", missing = new[] { material } });
        }

        // The dispatcher runs every few seconds on its own: wait for the officer's inbox to hold the return.
        using var officerApi = await ApiSeed.SignInAsync(host, "officer");
        var item = await WaitForInboxItemAsync(officerApi, caseId, "step-returned");

        await using var officer = await StaffBrowser.OpenAsync(host, 1440, 900);
        await officer.SignInAsync("officer");
        var badge = officer.Page.Locator("[data-testid=inbox] .mud-badge");
        Assert.True(int.Parse(await badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await officer.Page.ClickAsync("[data-testid=inbox]");
        await officer.Page.WaitForURLAsync("**/inbox");
        await officer.ReadyAsync();
        var row = officer.Page.Locator($"[data-testid=inbox-item-{item}]");
        Assert.Contains("退回补正", await StaffBrowser.TextOfAsync(row), StringComparison.Ordinal);
        Assert.Contains(number, await StaffBrowser.TextOfAsync(row), StringComparison.Ordinal);
        Assert.True(await officer.Page.Locator($"[data-testid=unread-{item}]").IsVisibleAsync());
        await officer.ShotAsync("inbox-officer-1440");

        await officer.Page.ClickAsync($"[data-testid=open-{item}]");
        await officer.Page.WaitForURLAsync($"**/cases/{caseId}");
        await officer.ReadyAsync();
        Assert.Equal(number, await officer.Page.Locator("[data-testid=case-number]").InnerTextAsync());
        var log = officer.Page.Locator("[data-testid=delivery-log]");
        await log.Locator("tbody tr").First.WaitForAsync();
        var logText = await StaffBrowser.TextOfAsync(log);
        Assert.Contains("受理通知", logText, StringComparison.Ordinal);
        Assert.Contains("133****3000", logText, StringComparison.Ordinal);
        Assert.DoesNotContain("13300133000", logText, StringComparison.Ordinal);
        await officer.ShotOfAsync("[data-testid=delivery-log]", "case-delivery-log-1440");

        // Back in the inbox the item is read.
        await officer.GoAsync("/inbox");
        Assert.False(await officer.Page.Locator($"[data-testid=unread-{item}]").IsVisibleAsync());
        await officer.AssertCleanAsync();
    }

    [Fact]
    public async Task an_administrator_sees_the_failed_notifications_page_and_the_desk_offers_the_sms_opt_out()
    {
        await using (var admin = await StaffBrowser.OpenAsync(host, 1440, 900))
        {
            await admin.SignInAsync("admin");
            await admin.GoAsync("/admin/notifications");
            await admin.Page.Locator("[data-testid=dead-letters]").WaitForAsync();
            Assert.Contains("通知发送失败", await admin.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            await admin.ShotAsync("admin-notifications-1440");
            await admin.AssertCleanAsync();
        }

        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/new");
        var optOut = desk.Page.Locator("[data-testid=sms-opt-out]");
        await optOut.CheckAsync();
        Assert.True(await optOut.IsCheckedAsync());
        await desk.ShotAsync("desk-new-sms-opt-out-1440");
        await desk.AssertCleanAsync();
    }

    private static async Task<long> WaitForInboxItemAsync(ApiSeed officer, string caseId, string kind)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var inbox = await officer.GetAsync("/api/notifications/inbox?pageSize=200");
            foreach (var entry in inbox.GetProperty("items").EnumerateArray())
            {
                if (entry.GetProperty("caseId").GetString() == caseId && entry.GetProperty("kind").GetString() == kind)
                {
                    return entry.GetProperty("id").GetInt64();
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {kind} of the case reached the officer's inbox: {JsonSerializer.Serialize(inbox)}");
            await Task.Delay(500);
        }
    }
}
