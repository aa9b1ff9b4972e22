using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Workflows.Tests.Catalog;

/// <summary>An item's optional <c>refusalReasons</c> (不予受理 reasons the window may choose) and <c>rectificationDays</c> (issue 20).</summary>
public class when_defining_refusal_reasons_and_rectification_days
{
    private const string File = "sample.json";

    private static string WithExtras(string extras) =>
        TempCatalog.Sample.Replace("\"statutoryDays\": 20,", "\"statutoryDays\": 20,\n  " + extras + ",", StringComparison.Ordinal);

    [Fact]
    public void reasons_and_days_load_with_their_names()
    {
        using var catalog = new TempCatalog().With(File, WithExtras(
            "\"rectificationDays\": 5, \"refusalReasons\": [{ \"id\": \"not-eligible\", \"name\": { \"zh\": \"不符合条件\", \"en\": \"Not eligible\" } }]"));

        var item = catalog.Load().LatestItem("sample")!;

        Assert.Equal([new RefusalReason("not-eligible", new LocalizedName("不符合条件", "Not eligible"))], item.RefusalReasons);
        Assert.Equal(5, item.RectificationDays);
    }

    [Fact]
    public void without_them_an_item_has_no_reasons_and_ten_working_days()
    {
        using var catalog = new TempCatalog().With(File, TempCatalog.Sample);

        var item = catalog.Load().LatestItem("sample")!;

        Assert.Empty(item.RefusalReasons);
        Assert.Equal(WorkflowDefinition.DefaultRectificationDays, item.RectificationDays);
    }

    [Theory]
    [InlineData("\"refusalReasons\": [{ \"id\": \"a\", \"name\": { \"zh\": \"甲\", \"en\": \"A\" } }, { \"id\": \"a\", \"name\": { \"zh\": \"乙\", \"en\": \"B\" } }]", "$.refusalReasons[1].id", "duplicate refusal reason id 'a'")]
    [InlineData("\"refusalReasons\": [{ \"id\": \"a\" }]", "$.refusalReasons[0].name", "required property is missing")]
    [InlineData("\"refusalReasons\": [{ \"id\": \"a\", \"name\": { \"zh\": \"甲\", \"en\": \"A\" }, \"law\": 1 }]", "$.refusalReasons[0].law", "unknown property")]
    [InlineData("\"refusalReasons\": [\"a\"]", "$.refusalReasons[0]", "expected an object")]
    [InlineData("\"rectificationDays\": 0", "$.rectificationDays", "at least 1")]
    public void a_wrong_reason_or_day_count_is_reported_with_its_path(string extras, string path, string message)
    {
        using var catalog = new TempCatalog().With(File, WithExtras(extras));

        var problem = Assert.Single(catalog.Validate());

        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_shipped_items_name_real_refusal_reasons()
    {
        var catalog = WorkflowCatalog.Load(Support.WorkflowsFolder);

        Assert.Contains(catalog.LatestItem("talent-apartment")!.RefusalReasons, r => r.Id == "already-housed" && r.Name.Zh == "已享受人才公寓或住房保障待遇");
        Assert.Equal(5, catalog.LatestItem("talent-apartment")!.RectificationDays);
        Assert.Equal(10, catalog.LatestItem("housing-subsidy")!.RectificationDays);
    }
}
