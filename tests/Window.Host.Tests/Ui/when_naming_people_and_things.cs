using Microsoft.Extensions.Time.Testing;
using Window.Host.Api;
using Window.Host.Components.Ui;
using Window.Testing;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;
using static Window.Host.Tests.Ui.when_showing_dates_and_deadlines;

namespace Window.Host.Tests.Ui;

/// <summary>
/// People by display name, departments, items, steps, materials and outcomes by their names, and the timeline as words:
/// never a login or an internal id where a name is known; the stored names are read once per snapshot, not once per row.
/// </summary>
public sealed class when_naming_people_and_things : IDisposable
{
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows"));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero));
    private readonly CountingSource source = new();
    private readonly Names names;

    public when_naming_people_and_things() => names = new Names(new CatalogSource(Catalog), source, time);

    [Fact]
    public async Task a_person_is_shown_by_display_name_and_an_unknown_login_as_itself()
    {
        await names.ReadyAsync();

        Assert.Equal("李丽", names.Person("officer"));
        Assert.Equal("ghost", names.Person("ghost"));
        Assert.Equal("系统", InChinese(() => names.Person("system")));
        Assert.Equal("人才", InChinese(() => names.Person("talent:W2026120700001")));
        Assert.Equal("李丽（人才专员）", InChinese(() => names.PersonWithRole("officer", "officer")));
        Assert.Equal("人才专员 李强", InChinese(() => names.PersonWithRole("demo-officer", "officer")));
    }

    [Fact]
    public async Task a_page_of_many_rows_reads_the_stored_names_once()
    {
        await names.ReadyAsync();
        for (var i = 0; i < 1000; i++)
        {
            await names.ReadyAsync();
            Assert.Equal("李丽", names.Person("officer"));
            Assert.Equal("人社局", InChinese(() => names.Department("hrss")));
        }

        Assert.Equal(1, source.Loads);
    }

    [Fact]
    public async Task a_rename_is_seen_once_the_snapshot_is_stale()
    {
        await names.ReadyAsync();
        source.People["officer"] = "李丽华";

        await names.ReadyAsync();
        Assert.Equal("李丽", names.Person("officer"));
        time.Advance(Names.Freshness);
        await names.ReadyAsync();

        Assert.Equal("李丽华", names.Person("officer"));
        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public async Task forgetting_reads_the_names_again_at_once()
    {
        await names.ReadyAsync();
        source.Departments["hrss"] = new LocalizedName("人力社保局", "HR Bureau");

        names.Forget();
        await names.ReadyAsync();

        Assert.Equal("人力社保局", InChinese(() => names.Department("hrss")));
        Assert.Equal("HR Bureau", InEnglish(() => names.Department("hrss")));
    }

    [Fact]
    public async Task departments_come_from_the_store_first_and_the_catalogue_otherwise()
    {
        await names.ReadyAsync();

        Assert.Equal("住建局", InChinese(() => names.Department("housing")));
        Assert.Equal("Public Security Bureau", InEnglish(() => names.Department("public-security")));
        Assert.Equal("tourism", names.Department("tourism"));
        Assert.Equal("—", names.Department(null));
    }

    [Fact]
    public void every_waiting_department_is_named_in_order_without_repeats()
    {
        var waiting = new[] { "hrss", "housing", "health", "education", "public-security", "hrss" };

        Assert.Equal("人社局、住建局、卫健委、教育局、公安局", InChinese(() => names.Departments(waiting)));
        Assert.Equal("—", names.Departments([]));
    }

    [Fact]
    public void items_steps_materials_and_outcomes_have_their_names()
    {
        Assert.Equal("落户", InChinese(() => names.Item("household-registration")));
        Assert.Equal("Household registration", InEnglish(() => names.Item("household-registration")));
        Assert.Equal("公安局落户资格审核", InChinese(() => names.Step("household-registration", "qualification-review")));
        Assert.Equal("落户 · 公安局落户资格审核", InChinese(() => names.ItemStep("household-registration.qualification-review")));
        Assert.Equal("居民身份证", InChinese(() => names.Material("identity-card")));
        Assert.Equal("退回补正", InChinese(() => Names.Outcome("return")));
        Assert.Equal("新引进人才安居一件事", InChinese(() => names.Item("settle-in")));
    }

    [Fact]
    public async Task a_timeline_entry_reads_with_names_not_ids()
    {
        await names.ReadyAsync();

        Assert.Equal("事项批准 · 落户", InChinese(() => names.Timeline(Entry("item-approved", "household-registration", "approve"))));
        Assert.Equal("环节办结 · 落户 · 公安局落户资格审核 · 批准", InChinese(() => names.Timeline(Entry("step-completed", "household-registration.qualification-review", "approve"))));
        Assert.Equal("退回补正 · 落户 · 公安局落户资格审核 · 居民身份证、户口簿", InChinese(() => names.Timeline(Entry("step-returned", "household-registration.qualification-review", "identity-card,household-register"))));
        Assert.Equal("分派专员 · 李丽", InChinese(() => names.Timeline(Entry("officer-assigned", null, "officer"))));
        Assert.Equal("好差评 · 非常满意", InChinese(() => names.Timeline(Entry("evaluated", null, "5"))));
        Assert.Equal("状态灯变化 · 落户 · 公安局落户资格审核 · 超期", InChinese(() => names.Timeline(Entry("light-changed", "household-registration.qualification-review", "red"))));
        Assert.Equal("差评整改任务建立 · 整改期限 2026年12月21日", InChinese(() => names.Timeline(Entry("rectification-opened", null, "2026-12-21"))));
        Assert.Equal("承诺办结日期顺延（新年度日历发布） · 2027年1月29日 → 2027年2月3日", InChinese(() => names.Timeline(Entry("promise-postponed", null, "2027-01-29→2027-02-03"))));
        Assert.Equal("出件 · 窗口领取", InChinese(() => names.Timeline(Entry("delivered", null, "in-person"))));
        Assert.Equal("查看个人信息明文 · 手机号码", InChinese(() => names.Timeline(Entry("personal-data-revealed", null, "phone"))));
        Assert.Equal("到窗口 · 补交户口簿, 原件核验", InChinese(() => names.Timeline(Entry("visit", null, "补交户口簿, 原件核验"))));
        Assert.Equal("李丽（人才专员）", InChinese(() => names.TimelineActor(Entry("visit", null, null) with { Actor = "officer", Role = "officer" })));
    }

    [Fact]
    public async Task a_deadline_counts_on_the_calendar_from_today()
    {
        await names.ReadyAsync();
        var due = Window.Workflows.Calendar.OfficeTime.StartOf(new DateOnly(2026, 12, 11));

        Assert.Equal("2026年12月10日（周四） · 剩余2个工作日", InChinese(() => names.Deadline(due)));
        Assert.Equal(2, names.WorkingDaysLeft(due));
        Assert.Equal("2026年12月8日（周二） · 今天到期", InChinese(() => names.Deadline(new DateOnly(2026, 12, 8))));
    }

    public void Dispose() => names.Dispose();

    private static TimelineEntryDto Entry(string kind, string? step, string? detail) =>
        new(1, DateTimeOffset.UnixEpoch, "system", "system", null, kind, step, detail, null, null);

    private sealed class CountingSource : INameSource
    {
        public Dictionary<string, string> People { get; } = new(StringComparer.Ordinal) { ["officer"] = "李丽", ["desk"] = "王窗口", ["demo-officer"] = "人才专员 李强" };

        public Dictionary<string, LocalizedName> Departments { get; } = new(StringComparer.Ordinal) { ["hrss"] = new("人社局", "Human Resources and Social Security Bureau") };

        public int Loads { get; private set; }

        public Task<NameEntries> LoadAsync(CancellationToken cancellationToken = default)
        {
            Loads++;
            return Task.FromResult(new NameEntries(new Dictionary<string, string>(People), new Dictionary<string, LocalizedName>(Departments)));
        }
    }
}
