using Window.Workflows.Catalog;

namespace Window.Workflows.Tests.Catalog;

public class when_loading_the_shipped_catalogue
{
    [Fact]
    public void every_shipped_definition_loads_without_problems()
    {
        Assert.Empty(WorkflowCatalog.Validate(Support.WorkflowsFolder));
    }

    [Fact]
    public void it_holds_the_ten_items_and_the_settle_in_bundle()
    {
        var ids = Support.Catalog.Items.Select(i => i.Id).ToHashSet();
        string[] expected = ["talent-certification", "talent-apartment", "housing-subsidy", "living-allowance", "medical-checkup",
            "school-enrollment", "spouse-employment", "household-registration", "startup-funding", "talent-service-card"];
        Assert.Subset(ids, expected.ToHashSet());
        Assert.Equal(["education", "health", "housing", "hrss", "public-security", "talent-office"],
            Support.Catalog.LatestBundle("settle-in")!.Items.SelectMany(i => Support.Catalog.LatestItem(i)!.Steps).Select(s => s.Department!).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void every_item_file_references_the_schema()
    {
        foreach (var file in Directory.EnumerateFiles(Support.WorkflowsFolder, "*.json").Where(f => !f.EndsWith(WorkflowCatalog.DepartmentsFile, StringComparison.Ordinal)))
        {
            Assert.Contains("\"$schema\": \"./schema/definition.schema.json\"", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void the_validate_command_returns_zero_and_a_summary_for_the_shipped_catalogue()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = WorkflowValidateCommand.Run(Support.WorkflowsFolder, stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        Assert.Contains("valid", stdout.ToString(), StringComparison.Ordinal);
    }
}
