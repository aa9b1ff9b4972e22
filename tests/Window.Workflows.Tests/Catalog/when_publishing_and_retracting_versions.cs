using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Workflows.Tests.Catalog;

public class when_publishing_and_retracting_versions
{
    private static readonly WorkflowDefinition CheckupV1 = Support.Catalog.FindItem("medical-checkup", 1)!;

    [Fact]
    public void a_published_version_opens_new_cases_and_the_old_one_stays_for_running_cases()
    {
        var source = new CatalogSource(Support.Catalog);

        source.Publish(CheckupV1 with { Version = 2 });

        Assert.Equal(2, source.Current.LatestItem("medical-checkup")!.Version);
        Assert.NotNull(source.Current.FindItem("medical-checkup", 1));
    }

    [Fact]
    public void a_retracted_version_opens_no_new_cases_but_is_still_found_by_its_number()
    {
        var source = new CatalogSource(Support.Catalog.Publish(CheckupV1 with { Version = 2 }));

        source.Retract("medical-checkup", 2);

        Assert.Equal(1, source.Current.LatestItem("medical-checkup")!.Version);
        Assert.Equal(2, source.Current.NewestItem("medical-checkup")!.Version);
        Assert.NotNull(source.Current.FindItem("medical-checkup", 2));
        Assert.True(source.Current.IsRetracted("medical-checkup", 2));
        source.Retract("medical-checkup", 1);
        Assert.Null(source.Current.LatestItem("medical-checkup"));
        Assert.DoesNotContain(source.Current.OpenableItems, i => i.Id == "medical-checkup");
    }

    [Fact]
    public void a_calendar_year_published_meanwhile_survives_a_reload_of_the_definitions()
    {
        var source = new CatalogSource(Support.Catalog);
        var year = new Window.Workflows.Calendar.CalendarYear(2031, new HashSet<DateOnly> { new(2031, 3, 3) }, new HashSet<DateOnly>());
        source.WithCalendarYear(year);

        source.WithDefinitions([.. Support.Catalog.Departments.Values, new Department("civil-affairs", new LocalizedName("民政局", "Civil Affairs Bureau"))],
            [.. Support.Catalog.Items], []);

        Assert.False(source.Current.Calendar.IsWorkingDay(new DateOnly(2031, 3, 3)));
        Assert.Contains("civil-affairs", source.Current.Departments.Keys);
        Assert.NotEmpty(source.Current.Bundles);
    }

    [Fact]
    public void publishing_a_version_not_newer_than_the_newest_is_refused()
    {
        var source = new CatalogSource(Support.Catalog);

        Assert.Throws<ArgumentException>(() => source.Publish(CheckupV1));
    }
}
