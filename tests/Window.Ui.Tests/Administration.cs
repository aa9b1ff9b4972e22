using System.Globalization;

namespace Window.Ui.Tests;

/// <summary>The administrator's pages: users and departments, the working calendar and the catalogue.</summary>
[Collection(UiCollection.Name)]
public sealed class Administration(UiHost host)
{
    [Fact]
    public async Task an_administrator_creates_a_user_who_can_then_sign_in()
    {
        await using var admin = await StaffBrowser.OpenAsync(host);
        await admin.SignInAsync("admin");
        Assert.EndsWith("/admin", admin.Page.Url);
        Assert.Contains("工作日历", await admin.Page.InnerTextAsync("nav.topnav"));

        await admin.Page.FillAsync("[data-testid=new-username]", "housing2");
        await admin.Page.FillAsync("[data-testid=new-display-name]", "王五");
        await admin.Page.SelectOptionAsync("[data-testid=new-role]", "department");
        await admin.Page.FillAsync("[data-testid=new-password]", "short");
        await admin.Page.ClickAsync("[data-testid=create]");
        // Every wrong field at once, each with its message under it.
        Assert.Contains("部门经办人须属于一个启用的部门", await admin.Page.InnerTextAsync("[data-testid=new-department-error]"));
        Assert.Contains("密码至少 10 位", await admin.Page.InnerTextAsync("[data-testid=new-password-error]"));
        Assert.Equal("true", await admin.Page.GetAttributeAsync("[data-testid=new-password]", "aria-invalid"));
        Assert.Contains("2 项", await admin.Page.InnerTextAsync("[data-testid=error]"));
        await admin.ShotAsync("13b-admin-user-fields");

        await admin.Page.SelectOptionAsync("[data-testid=new-department]", "housing");
        await admin.Page.FillAsync("[data-testid=new-password]", UiHost.Password);
        await admin.Page.ClickAsync("[data-testid=create]");
        await admin.Page.WaitForSelectorAsync("[data-testid=message]");
        var row = await StaffBrowser.TextOfAsync(admin.Page.Locator("[data-testid=user-housing2]"));
        Assert.Contains("王五", row);
        Assert.Contains("部门经办人", row);

        await admin.Page.ClickAsync("[data-testid=edit-housing2]");
        await admin.Page.WaitForSelectorAsync("[data-testid=edit-user]");
        await admin.ShotAsync("13-admin-users");
        await admin.AssertCleanAsync();

        await using var created = await StaffBrowser.OpenAsync(host);
        await created.SignInAsync("housing2");
        Assert.EndsWith("/queue", created.Page.Url);
        Assert.Contains("王五", await created.Page.InnerTextAsync("[data-testid=who]"));
    }

    [Fact]
    public async Task an_administrator_publishes_a_new_calendar_year_with_a_day_off()
    {
        await using var admin = await StaffBrowser.OpenAsync(host);
        await admin.SignInAsync("admin");
        await admin.GoAsync("/admin/calendar");
        await admin.Page.WaitForSelectorAsync("[data-testid=months]");
        Assert.Contains("暂定", await admin.Page.InnerTextAsync("[data-testid=known-years]"));

        await admin.Page.ClickAsync("[data-testid=year-next]");
        await admin.Page.WaitForSelectorAsync("[data-testid=year-unknown]");
        var year = int.Parse((await admin.Page.InnerTextAsync("[data-testid=year]")).Trim(), CultureInfo.InvariantCulture);
        // The provisional year already holds the derived holidays (10-1 to 10-3 among them): mark the next working weekday off.
        await admin.Page.WaitForSelectorAsync($"[data-testid=day-{year}-10-01].off");
        await admin.ShotAsync("14-admin-calendar-provisional");
        var day = new DateOnly(year, 10, 8);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var cell = admin.Page.Locator($"[data-testid=day-{day:yyyy-MM-dd}]");
        await cell.ClickAsync();
        await admin.Page.WaitForSelectorAsync($"[data-testid=day-{day:yyyy-MM-dd}].off");
        await admin.Page.ClickAsync("[data-testid=save-calendar]");
        Assert.Contains($"已发布 {year} 年", await admin.Page.InnerTextAsync("[data-testid=message]"));
        Assert.Equal(0, await admin.Page.Locator("[data-testid=year-unknown]").CountAsync());
        Assert.Contains(year.ToString(CultureInfo.InvariantCulture), await admin.Page.InnerTextAsync("[data-testid=known-years]"));
        await admin.ShotAsync("14-admin-calendar");

        // Opened again, the year reads back what was published.
        await admin.GoAsync("/admin/calendar");
        await admin.Page.ClickAsync($"[data-testid=year-{year}]");
        await admin.Page.WaitForSelectorAsync($"[data-testid=day-{day:yyyy-MM-dd}].off");
        await admin.AssertCleanAsync();
    }

    [Fact]
    public async Task the_catalogue_page_lists_items_bundles_and_the_validation_result()
    {
        await using var admin = await StaffBrowser.OpenAsync(host);
        await admin.SignInAsync("admin");
        await admin.GoAsync("/admin/catalog");
        await admin.Page.WaitForSelectorAsync("[data-testid=valid]");
        Assert.Contains("一件事", await admin.Page.InnerTextAsync("[data-testid=bundles]"));
        var item = await StaffBrowser.TextOfAsync(admin.Page.Locator("[data-testid^=item-talent-apartment-v]").First);
        Assert.Contains("人才公寓", item);
        await admin.ShotAsync("15-admin-catalog");
        await admin.AssertCleanAsync();
    }

    [Fact]
    public async Task other_roles_do_not_reach_the_administrator_pages()
    {
        await using var desk = await StaffBrowser.OpenAsync(host);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/admin/calendar");
        await desk.Page.WaitForSelectorAsync("h1:has-text('无权访问')");
        Assert.Equal(0, await desk.Page.Locator("[data-testid=months]").CountAsync());
        Assert.DoesNotContain("工作日历", await desk.Page.InnerTextAsync("nav.topnav"));
    }
}
