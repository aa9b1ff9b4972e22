using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// A busy window: a host of its own with 120 open cases, opened through the API as the desk would (60 medical check-ups
/// for health, 30 living allowances for HR&amp;SS, 30 talent apartments for housing), one of them for 欧阳明月 whose ID
/// number ends in X. Seeded once, by the first test that asks.
/// </summary>
public sealed class BusyWindowHost : UiHost
{
    public const int Cases = 120;
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
    private readonly SemaphoreSlim seeding = new(1, 1);
    private SeededCase? target;

    /// <summary>The case the journeys look for: 欧阳明月, opened 37th.</summary>
    public async Task<SeededCase> SeedAsync()
    {
        await seeding.WaitAsync();
        try
        {
            return target ??= await OpenAllAsync();
        }
        finally
        {
            seeding.Release();
        }
    }

    private async Task<SeededCase> OpenAllAsync()
    {
        using var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() };
        using var desk = new HttpClient(handler) { BaseAddress = BaseAddress };
        (await desk.PostAsJsonAsync("/api/auth/login", new { username = "desk", password = Password })).EnsureSuccessStatusCode();
        desk.DefaultRequestHeaders.Add("X-XSRF-TOKEN", handler.CookieContainer.GetCookies(BaseAddress)["XSRF-TOKEN"]!.Value);
        var catalog = JsonDocument.Parse(await desk.GetStringAsync(new Uri("/api/catalog", UriKind.Relative))).RootElement;
        SeededCase? found = null;
        for (var i = 1; i <= Cases; i++)
        {
            var item = i % 2 == 0 ? "medical-checkup" : i % 4 == 1 ? "living-allowance" : "talent-apartment";
            var materials = catalog.GetProperty("items").EnumerateArray().First(e => e.GetProperty("id").GetString() == item)
                .GetProperty("materials").EnumerateArray().Where(m => m.GetProperty("required").GetBoolean()).Select(m => m.GetProperty("id").GetString()).ToList();
            var isTarget = i == 37;
            var idNumber = isTarget ? IdNumberEndingInX() : Talents.IdNumber($"33010619850101{i:D3}");
            var name = isTarget ? "欧阳明月" : Surnames[i % Surnames.Length] + Given[i % Given.Length] + Given[(i / Given.Length) % Given.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
            {
                Content = JsonContent.Create(new { talent = new { name, idNumber, phone = $"139{i:D8}", tier = "C" }, items = new[] { item }, materials, deferred = Array.Empty<object>() }),
            };
            request.Headers.Add("Idempotency-Key", $"seed-{i}");
            using var response = await desk.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            if (isTarget)
            {
                var opened = JsonDocument.Parse(body).RootElement;
                found = new SeededCase(opened.GetProperty("id").GetString()!, opened.GetProperty("number").GetString()!, name, idNumber, $"139{i:D8}");
            }
        }

        return found!;
    }

    private static string IdNumberEndingInX()
    {
        for (var serial = 500; ; serial++)
        {
            var id = Talents.IdNumber($"33010619900215{serial:D3}");
            if (id.EndsWith('X'))
            {
                return id;
            }
        }
    }
}

/// <summary>A seeded case and what it can be found by.</summary>
public sealed record SeededCase(string Id, string Number, string Name, string IdNumber, string Phone);

[CollectionDefinition(Name)]
public sealed class BusyWindowCollection : ICollectionFixture<BusyWindowHost>
{
    public const string Name = "ui-busy-window";
}

/// <summary>
/// Issue 18 in the browser: with 120 cases seeded, the desk finds one from the header by its number, by name and by ID
/// number (nothing of it in the address or the host's output), and every list pages to its last page: the desk's, the
/// officer's and a department's queue.
/// </summary>
[Collection(BusyWindowCollection.Name)]
public sealed class FindingAndPaging(BusyWindowHost host)
{
    [Fact]
    public async Task the_desk_finds_a_case_from_the_header_by_number_name_and_id_number()
    {
        var target = await host.SeedAsync();
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        var page = desk.Page;

        await SearchFromHeaderAsync(desk, target.Number);
        await Assertions.Expect(page.Locator("[data-testid=search-summary]")).ToContainTextAsync("按办件编号查找：共 1 件");
        await ExpectOnlyAsync(page, target.Number);
        await desk.ShotAsync("18-search-by-number");

        await SearchFromHeaderAsync(desk, "欧阳 明月");
        await Assertions.Expect(page.Locator("[data-testid=search-summary]")).ToContainTextAsync("按姓名查找：共 1 件");
        await ExpectOnlyAsync(page, target.Number);
        Assert.Contains("人社局", await page.InnerTextAsync($"[data-testid=waiting-{target.Number}]"));
        await desk.ShotAsync("19-search-by-name");

        await SearchFromHeaderAsync(desk, target.IdNumber.ToLowerInvariant());
        await Assertions.Expect(page.Locator("[data-testid=search-summary]")).ToContainTextAsync("按身份证号码查找：共 1 件");
        await ExpectOnlyAsync(page, target.Number);
        await desk.ShotAsync("20-search-by-id-number");

        // Too few digits: the message stays on the box, and the page does not move.
        await page.FillAsync("[data-testid=header-search]", "12");
        await page.PressAsync("[data-testid=header-search]", "Enter");
        Assert.Contains("至少输入 3 位", await page.InnerTextAsync("[data-testid=header-search-error]"));
        Assert.Equal("true", await page.GetAttributeAsync("[data-testid=header-search]", "aria-invalid"));
        await desk.ShotAsync("21-search-too-few-digits");

        // The results page opens the case in one click.
        await page.ClickAsync($"[data-testid=search-results] [data-testid=case-{target.Number}]");
        await page.WaitForURLAsync($"**/cases/{target.Id}");
        foreach (var secret in new[] { target.Name, "欧阳", target.IdNumber, target.IdNumber.ToLowerInvariant() })
        {
            Assert.DoesNotContain(secret, host.HostOutput, StringComparison.Ordinal);
        }

        await desk.AssertCleanAsync();
    }

    [Fact]
    public async Task the_desk_and_the_officer_page_through_their_lists_to_the_last_page()
    {
        await host.SeedAsync();
        foreach (var (user, path, shot) in new[] { ("desk", "/desk/cases", "22-desk-cases-paged"), ("officer", "/officer", "23-officer-cases-paged") })
        {
            await using var browser = await StaffBrowser.OpenAsync(host, 1440, 900);
            await browser.SignInAsync(user);
            await browser.GoAsync(path);
            var page = browser.Page;
            await Assertions.Expect(page.Locator("[data-testid=cases-pager-status]")).ToHaveTextAsync($"第 1 / 6 页 · 共 {BusyWindowHost.Cases} 件");
            Assert.Equal(20, await page.Locator("[data-testid=cases] tbody tr").CountAsync());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var number = 1; number <= 6; number++)
            {
                await Assertions.Expect(page.Locator("[data-testid=cases-pager-status]")).ToContainTextAsync($"第 {number} / 6 页");
                foreach (var link in await page.Locator("[data-testid=cases] tbody tr td.num a").AllInnerTextsAsync())
                {
                    Assert.True(seen.Add(link), $"{link} shown twice");
                }

                if (number == 1)
                {
                    await browser.ShotAsync(shot);
                }

                if (number < 6)
                {
                    await page.ClickAsync("[data-testid=cases-next]");
                }
            }

            Assert.Equal(BusyWindowHost.Cases, seen.Count);
            Assert.True(await page.IsDisabledAsync("[data-testid=cases-next]"));
            Assert.True(await page.IsDisabledAsync("[data-testid=cases-last]"));

            // Back by one, then a bigger page: the whole list in one page of 200.
            await page.ClickAsync("[data-testid=cases-prev]");
            await Assertions.Expect(page.Locator("[data-testid=cases-pager-status]")).ToContainTextAsync("第 5 / 6 页");
            await page.SelectOptionAsync("[data-testid=cases-page-size]", "200");
            await Assertions.Expect(page.Locator("[data-testid=cases-pager-status]")).ToHaveTextAsync($"第 1 / 1 页 · 共 {BusyWindowHost.Cases} 件");
            Assert.Equal(BusyWindowHost.Cases, await page.Locator("[data-testid=cases] tbody tr").CountAsync());
            await browser.AssertCleanAsync();
        }
    }

    [Fact]
    public async Task a_department_pages_through_its_queue_to_the_last_page_and_filters_it()
    {
        await host.SeedAsync();
        await using var health = await StaffBrowser.OpenAsync(host, 1440, 900);
        await health.SignInAsync("health");
        await health.GoAsync("/queue");
        var page = health.Page;
        var status = page.Locator("[data-testid=queue-pager-status]");
        await Assertions.Expect(status).ToHaveTextAsync("第 1 / 3 页 · 共 60 项");
        await health.ShotAsync("24-queue-paged");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var number = 1; number <= 3; number++)
        {
            await Assertions.Expect(status).ToContainTextAsync($"第 {number} / 3 页");
            foreach (var row in await page.Locator("[data-testid=queue] tbody tr").AllAsync())
            {
                Assert.True(seen.Add((await row.GetAttributeAsync("data-testid"))!));
            }

            if (number < 3)
            {
                await page.ClickAsync("[data-testid=queue-next]");
            }
        }

        Assert.Equal(60, seen.Count);
        Assert.True(await page.IsDisabledAsync("[data-testid=queue-next]"));
        Assert.Contains("剩余", await page.InnerTextAsync("[data-testid=queue] tbody tr:first-child"));

        await page.ClickAsync("[data-testid=queue-first]");
        await Assertions.Expect(status).ToContainTextAsync("第 1 / 3 页");
        await page.SelectOptionAsync("[data-testid=queue-status-filter]", "claimed");
        await Assertions.Expect(page.Locator("[data-testid=queue-empty]")).ToBeVisibleAsync();
        await health.AssertCleanAsync();
    }

    [Fact]
    public async Task the_staff_header_keeps_its_search_on_a_wide_screen_and_a_link_to_it_on_a_phone()
    {
        await host.SeedAsync();
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/cases");
        Assert.True(await desk.Page.IsVisibleAsync("[data-testid=header-search]"));

        await desk.Page.SetViewportSizeAsync(390, 844);
        await desk.Page.WaitForSelectorAsync("[data-testid=header-search-link]");
        Assert.False(await desk.Page.IsVisibleAsync("[data-testid=header-search]"));
        await ViewportShotAsync(desk, "25-desk-cases-phone");
        await desk.Page.ClickAsync("[data-testid=header-search-link]");
        await desk.Page.WaitForURLAsync("**/search");
        await desk.ReadyAsync();
        await desk.Page.FillAsync("[data-testid=search-query]", "欧阳明月");
        await desk.Page.PressAsync("[data-testid=search-query]", "Enter");
        await Assertions.Expect(desk.Page.Locator("[data-testid=search-results] tbody tr")).ToHaveCountAsync(1);
        await ViewportShotAsync(desk, "26-search-phone");
        Assert.EndsWith("/search", desk.Page.Url, StringComparison.Ordinal);
        await desk.AssertCleanAsync();
    }

    /// <summary>What a phone shows without scrolling (a full-page shot of a long list is too tall to read).</summary>
    private static async Task ViewportShotAsync(StaffBrowser browser, string name) =>
        await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(UiHost.Artifacts, name + ".png") });

    private static async Task SearchFromHeaderAsync(StaffBrowser browser, string query)
    {
        var page = browser.Page;
        await page.FillAsync("[data-testid=header-search]", query);
        await page.PressAsync("[data-testid=header-search]", "Enter");
        try
        {
            await page.WaitForURLAsync("**/search");
        }
        catch (TimeoutException)
        {
            await browser.ShotAsync("debug-search-timeout");
            throw new InvalidOperationException(page.Url + " | " + await page.InputValueAsync("[data-testid=header-search]") + " | " + await page.InnerTextAsync("body"));
        }

        await browser.ReadyAsync();
        Assert.EndsWith("/search", page.Url, StringComparison.Ordinal);
        // The box clears itself once the results page has taken the query (after the navigation, not with it).
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=header-search]')?.value === ''", null, new() { Timeout = 10_000 });
        Assert.Equal("", await page.InputValueAsync("[data-testid=header-search]"));
    }

    private static async Task ExpectOnlyAsync(IPage page, string number)
    {
        await Assertions.Expect(page.Locator("[data-testid=search-results] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"[data-testid=search-results] [data-testid=case-{number}]")).ToBeVisibleAsync();
    }
}
