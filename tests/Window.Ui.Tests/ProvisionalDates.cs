using System.Text.RegularExpressions;
using Window.Testing;

namespace Window.Ui.Tests;

/// <summary>
/// A host whose catalogue has no published calendar for this year (a copy of workflows/ without calendar/&lt;year&gt;.json):
/// the UI tests cannot fake the host's clock, so instead of moving today to 2026-12-28 the year today is in is left
/// unpublished, and every promised date the desk prints is provisional.
/// </summary>
public sealed class UnpublishedYearHost : UiHost
{
    private readonly TempDirectory workflows = new();

    protected override Dictionary<string, string> Environment(string dataDir)
    {
        Copy(new DirectoryInfo(Path.Combine(RepositoryPaths.Root, "workflows")), workflows.Path);
        File.Delete(Path.Combine(workflows.Path, "calendar", $"{DateTime.UtcNow.Year}.json"));
        File.Delete(Path.Combine(workflows.Path, "calendar", $"{DateTime.UtcNow.Year + 1}.json"));
        var environment = base.Environment(dataDir);
        environment["Window__WorkflowsDir"] = workflows.Path;
        return environment;
    }

    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.GetFiles())
        {
            file.CopyTo(Path.Combine(to, file.Name));
        }

        foreach (var folder in from.GetDirectories())
        {
            Copy(folder, Path.Combine(to, folder.Name));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UnpublishedYearCollection : ICollectionFixture<UnpublishedYearHost>
{
    public const string Name = "ui-unpublished-year";
}

[Collection(UnpublishedYearCollection.Name)]
public sealed class when_the_calendar_year_is_not_published(UnpublishedYearHost host)
{
    [Fact]
    public async Task the_desk_prints_the_promised_date_as_provisional_and_supervisors_are_warned()
    {
        await using var desk = await StaffBrowser.OpenAsync(host, 1440, 900);
        await desk.SignInAsync("desk");
        var page = desk.Page;
        await desk.GoAsync("/desk/new");
        await page.FillAsync("#name", "王暂定");
        await page.FillAsync("#idNumber", Talents.IdNumber("33010619880808001"));
        await page.FillAsync("#phone", "13900001111");
        await page.SelectOptionAsync("#tier", "C");
        await page.ClickAsync("[data-testid=next-talent]");
        await page.CheckAsync("[data-testid=bundle-settle-in]");
        await page.ClickAsync("[data-testid=next-items]");
        await page.WaitForSelectorAsync("[data-testid=accept]");
        foreach (var box in await page.Locator("input[data-testid^=provide-]").AllAsync())
        {
            await box.CheckAsync();
        }

        await page.ClickAsync("[data-testid=accept]");
        await page.WaitForURLAsync(new Regex("/receipt$"));
        await desk.ReadyAsync();
        Assert.Contains("暂定", await page.InnerTextAsync("[data-testid=receipt-promised]"));
        Assert.Equal("（暂定，遇法定节假日顺延）", (await page.InnerTextAsync("[data-testid=receipt-provisional]")).Trim());
        await desk.ShotAsync("20-receipt-provisional");
        var id = Talents.CaseIdOfReceipt(page.Url);
        var number = (await page.InnerTextAsync("[data-testid=receipt-number]")).Trim();
        var code = (await page.InnerTextAsync("[data-testid=receipt-code]")).Trim();
        await page.SetViewportSizeAsync(390, 844);
        await desk.ShotAsync("21-receipt-provisional-phone");
        await page.SetViewportSizeAsync(1440, 900);
        await desk.GoAsync($"/cases/{id}");
        Assert.Contains("暂定", await page.InnerTextAsync("[data-testid=promised]"));
        await desk.ShotAsync("22-case-provisional");
        await desk.AssertCleanAsync();

        await using var talent = await StaffBrowser.OpenAsync(host, 390, 844);
        await talent.GoAsync("/progress");
        await talent.Page.FillAsync("#number", number);
        await talent.Page.FillAsync("#code", code);
        await talent.Page.ClickAsync("[data-testid=lookup]");
        await talent.Page.WaitForSelectorAsync("[data-testid=progress]");
        Assert.Contains("暂定，遇法定节假日顺延", await talent.Page.InnerTextAsync("[data-testid=provisional]"));
        await talent.ShotAsync("23-progress-provisional-phone");
        await talent.AssertCleanAsync();

        await using var supervisor = await StaffBrowser.OpenAsync(host, 1440, 900);
        await supervisor.SignInAsync("supervisor");
        await supervisor.Page.WaitForSelectorAsync("[data-testid=calendar-banner]");
        Assert.Contains("办件使用暂定日期", await supervisor.Page.InnerTextAsync("[data-testid=calendar-banner]"));
        Assert.Equal(0, await supervisor.Page.Locator("[data-testid=calendar-banner-link]").CountAsync());
        await supervisor.ShotAsync("24-supervisor-calendar-banner");
        await supervisor.AssertCleanAsync();
    }
}
