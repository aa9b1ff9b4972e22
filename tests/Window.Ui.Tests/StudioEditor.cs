using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// Issue 25's editor in the browser: an administrator who never sees JSON builds a new item with three departments in
/// parallel in the graph, is told what is wrong on the field, fixes it and publishes; a second version's changes read
/// in words; and the desk opens a case for the new item at once, without a restart.
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class StudioEditor(UiHost host)
{
    private const string Item = "talent-card-service";

    [Fact]
    public async Task an_administrator_builds_a_parallel_item_in_the_graph_fixes_its_problem_publishes_it_and_the_desk_opens_it()
    {
        await using var admin = await StaffBrowser.OpenAsync(host, 1440, 900);
        var page = admin.Page;
        await admin.SignInAsync("admin");
        await page.ClickAsync("nav.topnav >> text=事项流程");
        await page.WaitForSelectorAsync("[data-testid=items]");
        await admin.ReadyAsync();
        Assert.Contains("子女入学", await page.InnerTextAsync("[data-testid=item-school-enrollment]"));

        // A new item: names, an id made from the English name, the first department.
        await page.ClickAsync("[data-testid=new-item]");
        await page.WaitForSelectorAsync("[data-testid=new-item-form]");
        await admin.ReadyAsync();
        await page.ClickAsync("[data-testid=create-draft]");
        Assert.Contains("请填写中文名称", await page.InnerTextAsync("[data-testid='problem-name.zh']"));
        await TypeAsync(page, "input[data-path='name.zh']", "人才码服务");
        await TypeAsync(page, "input[data-path='name.en']", "Talent card service");
        await page.WaitForFunctionAsync("id => document.querySelector(\"input[data-path='id']\").value === id", Item);
        await page.SelectOptionAsync("select[data-path='department']", "housing");
        await page.ClickAsync("[data-testid=create-draft]");
        await page.WaitForURLAsync(DraftAddress());
        await admin.ReadyAsync();
        await page.WaitForSelectorAsync("[data-testid=node-step-1]");

        // Two more departments in parallel, and the window's hand-over after all three, joined by dragging.
        foreach (var department in new[] { "health", "education", "talent-office" })
        {
            await page.SelectOptionAsync("[data-testid=add-step-department]", department);
            await page.ClickAsync("[data-testid=add-step]");
        }

        await page.WaitForSelectorAsync("[data-testid=node-step-4]");
        await page.SelectOptionAsync("select[data-path='$.steps[3].kind']", "window");
        await TypeAsync(page, "input[data-path='$.steps[3].name.zh']", "窗口出件");
        await TypeAsync(page, "input[data-path='$.steps[3].name.en']", "Hand-over at the window");
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-testid=node-step-4]\").textContent.includes('人才办')");
        foreach (var branch in new[] { "step-1", "step-2", "step-3" })
        {
            await DragAsync(page, $"[data-testid=port-{branch}]", "[data-testid=node-step-4]");
            // Attached, not visible: a straight horizontal edge has a box of no height, which Playwright calls hidden.
            await page.WaitForSelectorAsync($"[data-testid=edge-{branch}-step-4]", new() { State = WaitForSelectorState.Attached });
        }

        // The three reviews stand in one column (parallel), the hand-over right of them.
        var xs = new List<float>();
        foreach (var step in new[] { "step-1", "step-2", "step-3", "step-4" })
        {
            xs.Add((await page.Locator($"[data-testid=node-{step}] rect").BoundingBoxAsync())!.X);
        }

        Assert.Equal(xs[0], xs[1]);
        Assert.Equal(xs[0], xs[2]);
        Assert.True(xs[3] > xs[0]);

        // The form follows the graph: the hand-over waits for the three reviews.
        await page.ClickAsync("[data-testid=node-step-4]");
        foreach (var branch in new[] { "step-1", "step-2", "step-3" })
        {
            Assert.True(await page.IsCheckedAsync($"[data-testid=depends-{branch}]"), branch);
        }

        // A material for the desk to check.
        await page.ClickAsync("[data-testid=add-material]");
        await TypeAsync(page, "input[data-path='$.materials[0].name.zh']", "人才码申请表");
        await TypeAsync(page, "input[data-path='$.materials[0].name.en']", "Talent card application form");
        await TypeAsync(page, "input[data-path='$.materials[0].id']", "talent-card-application");

        // A hand-over of 12 working days does not fit the promised 10: the message is on the field, publishing is off.
        await TypeAsync(page, "input[data-path='$.steps[3].limitDays']", "12");
        var problem = page.Locator("[data-testid='problem-$.steps[3].limitDays']");
        await problem.WaitForAsync();
        Assert.Contains("超过了事项的承诺时限", await problem.InnerTextAsync());
        Assert.Equal("true", await page.GetAttributeAsync("input[data-path='$.steps[3].limitDays']", "aria-invalid"));
        Assert.True(await page.IsDisabledAsync("[data-testid=publish]"));
        Assert.Contains("承诺时限", await page.InnerTextAsync("[data-testid=problems]"));
        Assert.Contains("wrong", await page.GetAttributeAsync("[data-testid=node-step-4]", "class") ?? "");
        await TopAsync(page);
        await admin.ShotAsync("41-studio-editor-problem");

        await TypeAsync(page, "input[data-path='$.steps[3].limitDays']", "3");
        await page.WaitForSelectorAsync("[data-testid=valid]");
        Assert.True(await page.IsEnabledAsync("[data-testid=publish]"));
        await TopAsync(page);
        await admin.ShotAsync("42-studio-editor");
        File.Copy(Path.Combine(UiHost.Artifacts, "42-studio-editor.png"), Path.Combine(Docs(), "editor.png"), overwrite: true);

        // The expert's JSON is the same draft.
        await page.ClickAsync("[data-testid=toggle-json]");
        var json = await page.InputValueAsync("[data-testid=json]");
        Assert.Contains("\"dependsOn\"", json);
        Assert.Contains("\"talent-card-application\"", json);
        await page.ClickAsync("[data-testid=toggle-json]");

        await page.ClickAsync("[data-testid=publish]");
        await page.WaitForURLAsync(new Regex($"/admin/workflows/{Item}\\?published=1$"));
        await admin.ReadyAsync();
        Assert.Contains("已发布 v1", await page.InnerTextAsync("[data-testid=message]"));

        // A second version: the first review gets 3 working days instead of 5; the diff says so in words.
        await page.ClickAsync("[data-testid=new-draft]");
        await page.WaitForURLAsync(DraftAddress());
        await admin.ReadyAsync();
        await page.ClickAsync("[data-testid=node-step-1]");
        await TypeAsync(page, "input[data-path='$.steps[0].limitDays']", "3");
        await page.WaitForSelectorAsync("[data-testid=valid]");
        Assert.Contains("第1步「住建局审核」时限 5→3 个工作日", await page.InnerTextAsync("[data-testid=changes]"));
        await page.ClickAsync("[data-testid=publish]");
        await page.WaitForURLAsync(new Regex($"/admin/workflows/{Item}\\?published=2$"));
        await admin.ReadyAsync();
        Assert.Contains("第1步「住建局审核」时限 5→3 个工作日", await page.InnerTextAsync("[data-testid=diff]"));
        await admin.ShotAsync("43-studio-versions-diff");
        await admin.AssertCleanAsync();

        // The desk opens a case for the new item, on this host, without a restart.
        await using var desk = await StaffBrowser.OpenAsync(host);
        await desk.SignInAsync("desk");
        await desk.GoAsync("/desk/new");
        var form = desk.Page;
        await form.FillAsync("#name", "钱七");
        await form.FillAsync("#idNumber", Talents.IdNumber("33010619930203004"));
        await form.FillAsync("#phone", "13700137000");
        await form.SelectOptionAsync("#tier", "C");
        await form.ClickAsync("[data-testid=next-talent]");
        await form.CheckAsync($"[data-testid=item-{Item}]");
        await form.ClickAsync("[data-testid=next-items]");
        await form.WaitForSelectorAsync("[data-testid=accept]");
        foreach (var box in await form.Locator("input[data-testid^=provide-]").AllAsync())
        {
            await box.CheckAsync();
        }

        await form.ClickAsync("[data-testid=accept]");
        await form.WaitForURLAsync(new Regex("/receipt$"));
        await desk.ReadyAsync();
        Assert.Contains("人才码服务", await form.InnerTextAsync("[data-testid=receipt]"));
        await desk.AssertCleanAsync();

        // The administrator sees the case running on v2: the version that must not be taken away from it.
        await admin.GoAsync($"/admin/workflows/{Item}");
        Assert.Equal("1 件", (await page.InnerTextAsync("[data-testid=in-use-v2]")).Trim());
        Assert.Equal("—", (await page.InnerTextAsync("[data-testid=in-use-v1]")).Trim());
        await admin.GoAsync("/admin/workflows");
        Assert.Equal("1 件（v2）", (await page.InnerTextAsync($"[data-testid=in-use-{Item}]")).Trim());
        await admin.ShotAsync("40-studio-list");
        await admin.AssertCleanAsync();
    }

    /// <summary>Back to the top before a full-page shot, so the sticky header is drawn at the top and not over the form.</summary>
    private static async Task TopAsync(IPage page) => await page.EvaluateAsync("() => window.scrollTo(0, 0)");

    /// <summary>Types into a field and leaves it, as a person does: the form saves on change.</summary>
    private static async Task TypeAsync(IPage page, string selector, string text)
    {
        await page.FillAsync(selector, text);
        await page.PressAsync(selector, "Tab");
        await page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.value === t", new object[] { selector, text });
    }

    /// <summary>Drags with the mouse from one element's centre to another's, in small moves as a hand does.</summary>
    private static async Task DragAsync(IPage page, string from, string to)
    {
        // From the top: the graph is then below the sticky header, which would otherwise catch the pointer.
        await TopAsync(page);
        var start = (await page.Locator(from).BoundingBoxAsync())!;
        var end = (await page.Locator(to).Locator("rect").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(start.X + start.Width / 2, start.Y + start.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(end.X + end.Width / 2, end.Y + end.Height / 2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private static string Docs() => Directory.CreateDirectory(Path.Combine(Window.Testing.RepositoryPaths.Root, "docs", "studio")).FullName;

    [GeneratedRegex($"/admin/workflows/{Item}/drafts/[0-9a-f-]{{36}}$")]
    private static partial Regex DraftAddress();
}
