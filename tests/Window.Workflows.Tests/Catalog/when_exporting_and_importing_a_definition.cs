using System.Text.Json.Nodes;
using Window.Workflows.Catalog;

namespace Window.Workflows.Tests.Catalog;

public class when_exporting_and_importing_a_definition
{
    private static readonly IReadOnlySet<string> Departments = Support.Catalog.Departments.Keys.ToHashSet();

    public static TheoryData<string> ItemFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Support.WorkflowsFolder, "*.json", SearchOption.AllDirectories)
                     .Where(f => JsonNode.Parse(File.ReadAllText(f))?["kind"]?.GetValue<string>() == "item")
                     .Select(f => Path.GetRelativePath(Support.WorkflowsFolder, f))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ItemFiles))]
    public void every_shipped_item_exports_to_the_same_json_apart_from_the_schema_path_and_export_import_export_is_byte_for_byte_stable(string file)
    {
        var text = File.ReadAllText(Path.Join(Support.WorkflowsFolder, file));

        var first = DefinitionJson.Read(text, Departments);
        Assert.Empty(first.Problems);
        var exported = DefinitionJson.Write(first.Item!);
        var again = DefinitionJson.Read(exported, Departments);
        Assert.Empty(again.Problems);

        Assert.Equal(exported, DefinitionJson.Write(again.Item!));
        var original = JsonNode.Parse(text)!.AsObject();
        original["$schema"] = DefinitionJson.Schema;
        Assert.True(JsonNode.DeepEquals(original, JsonNode.Parse(exported)), $"{file} says something its export does not:{Environment.NewLine}{exported}");
    }

    [Fact]
    public void an_export_is_indented_with_two_spaces_keeps_chinese_and_ends_with_one_newline()
    {
        var exported = DefinitionJson.Write(Support.Catalog.LatestItem("school-enrollment")!);

        Assert.StartsWith("{\n  \"$schema\": \"./schema/definition.schema.json\",\n  \"kind\": \"item\",\n", exported, StringComparison.Ordinal);
        Assert.Contains("\"zh\": \"子女入学\"", exported, StringComparison.Ordinal);
        Assert.EndsWith("}\n", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void a_condition_on_an_undeclared_field_is_a_problem_at_the_condition()
    {
        var text = File.ReadAllText(Path.Join(Support.WorkflowsFolder, "talent-service-card.json"))
            .Replace("\"condition\": \"tier in ['A','B','C']\"", "\"condition\": \"tier in ['A','B','C'] and hasPhd == true\"", StringComparison.Ordinal);

        var read = DefinitionJson.Read(text, Departments);

        Assert.Null(read.Item);
        var problem = Assert.Single(read.Problems);
        Assert.Matches(@"^\$\.steps\[\d+\]\.condition$", problem.Path);
        Assert.Contains("'hasPhd'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_field_said_to_come_from_an_outcome_that_no_outcome_sets_is_a_problem()
    {
        var text = File.ReadAllText(Path.Join(Support.WorkflowsFolder, "school-enrollment.json"))
            .Replace("\"source\": \"intake\"", "\"source\": \"outcome\"", StringComparison.Ordinal);

        var problem = Assert.Single(DefinitionJson.Read(text, Departments).Problems);

        Assert.Equal("$.fields[0].source", problem.Path);
    }

    [Fact]
    public void school_enrollment_declares_transfer_mid_year_as_an_intake_field()
    {
        var field = Assert.Single(Support.Catalog.LatestItem("school-enrollment")!.Fields);

        Assert.Equal(("transferMidYear", Window.Workflows.Definitions.CaseFieldType.Boolean, Window.Workflows.Definitions.CaseFieldSource.Intake),
            (field.Id, field.Type, field.Source));
    }

    [Fact]
    public void text_that_is_not_json_or_not_an_item_names_the_problem()
    {
        Assert.Equal("$", Assert.Single(DefinitionJson.Read("[1]", Departments).Problems).Path);
        Assert.Equal("$.kind", Assert.Single(DefinitionJson.Read("{\"kind\":\"bundle\"}", Departments).Problems).Path);
        Assert.Contains("invalid JSON", Assert.Single(DefinitionJson.Read("{\"kind\": ", Departments).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_unknown_department_is_a_problem_until_it_is_known()
    {
        var text = File.ReadAllText(Path.Join(Support.WorkflowsFolder, "medical-checkup.json"));

        var problems = DefinitionJson.Read(text, new HashSet<string>(["talent-office"])).Problems;

        Assert.Contains(problems, p => p.Path.StartsWith("$.steps[0].department", StringComparison.Ordinal) || p.Path.Contains("visibleTo", StringComparison.Ordinal));
    }
}
