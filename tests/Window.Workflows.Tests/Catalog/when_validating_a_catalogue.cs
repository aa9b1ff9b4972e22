using Window.Workflows.Catalog;

namespace Window.Workflows.Tests.Catalog;

public class when_validating_a_catalogue
{
    private const string File = "sample.json";

    private static ValidationProblem SingleProblem(string json, string file = File, params (string Path, string Json)[] others)
    {
        using var catalog = new TempCatalog().With(file, json);
        foreach (var (path, content) in others)
        {
            catalog.With(path, content);
        }

        var problem = Assert.Single(catalog.Validate());
        Assert.Equal(catalog.NameOf(file), problem.File);
        return problem;
    }

    private static void AssertProblem(ValidationProblem problem, int line, string path, string messagePart)
    {
        Assert.Equal((line, path), (problem.Line, problem.Path));
        Assert.Contains(messagePart, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_valid_item_has_no_problems()
    {
        using var catalog = new TempCatalog().With(File, TempCatalog.Sample);
        Assert.Empty(catalog.Validate());
    }

    [Fact]
    public void a_json_syntax_error_names_its_line()
    {
        var json = TempCatalog.Sample.Replace("\"version\": 1,", "\"version\": 1,,", StringComparison.Ordinal);
        var problem = SingleProblem(json);
        Assert.Equal(TempCatalog.LineOf(json, "1,,"), problem.Line);
        Assert.StartsWith("invalid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_missing_property_points_at_the_object_that_lacks_it()
    {
        var json = TempCatalog.Sample.Replace("\"department\": \"housing\", ", "", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "{ \"id\": \"second\""), "$.steps[1].department", "required property is missing");
    }

    [Fact]
    public void a_wrong_typed_property_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"promisedDays\": 10", "\"promisedDays\": \"10\"", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"promisedDays\""), "$.promisedDays", "expected a number but found a string");
    }

    [Fact]
    public void an_unknown_property_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"statutoryDays\": 20,", "\"statutoryDays\": 20,\n  \"promiseDays\": 5,", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"promiseDays\""), "$.promiseDays", "unknown property");
    }

    [Fact]
    public void an_unknown_department_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"department\": \"housing\"", "\"department\": \"tax\"", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"tax\""), "$.steps[1].department", "unknown department 'tax'");
    }

    [Fact]
    public void an_unknown_material_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"limitDays\": 3,\n      \"dependsOn\"", "\"limitDays\": 3, \"materials\": [\"diploma\"],\n      \"dependsOn\"", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"diploma\""), "$.steps[2].materials[0]", "unknown material 'diploma'");
    }

    [Fact]
    public void a_duplicate_step_id_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"id\": \"second\"", "\"id\": \"first\"", StringComparison.Ordinal).Replace("[\"first\", \"second\"]", "[\"first\"]", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "{ \"id\": \"first\", \"kind\": \"review\", \"department\": \"housing\""), "$.steps[1].id", "duplicate step id 'first'");
    }

    [Fact]
    public void a_duplicate_definition_version_is_reported()
    {
        using var catalog = new TempCatalog().With(File, TempCatalog.Sample).With("archive/sample.v1.json", TempCatalog.Sample);
        var problem = Assert.Single(catalog.Validate());
        Assert.Equal(catalog.NameOf(File), problem.File);
        AssertProblem(problem, TempCatalog.LineOf(TempCatalog.Sample, "\"id\": \"sample\""), "$.id", "duplicate definition 'sample' version 1");
    }

    [Fact]
    public void a_dependency_cycle_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"limitDays\": 3,\n      \"outcomes\": [{ \"outcome\": \"approve\" }] }", "\"limitDays\": 3, \"dependsOn\": [\"join\"],\n      \"outcomes\": [{ \"outcome\": \"approve\" }] }", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"dependsOn\": [\"join\"]"), "$.steps[1].dependsOn", "dependency cycle through steps 'second', 'join'");
    }

    [Fact]
    public void a_dependency_on_an_unknown_step_is_reported()
    {
        var json = TempCatalog.Sample.Replace("[\"first\", \"second\"]", "[\"first\", \"secnod\"]", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "[\"first\", \"secnod\"]"), "$.steps[2].dependsOn[1]", "unknown step 'secnod'");
    }

    [Fact]
    public void a_step_after_one_that_cannot_approve_is_unreachable()
    {
        var json = TempCatalog.Sample.Replace("\"outcomes\": [{ \"outcome\": \"approve\" }] }", "\"outcomes\": [{ \"outcome\": \"reject\" }] }", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"dependsOn\""), "$.steps[2].dependsOn", "unreachable: step 'second' has no 'approve' outcome");
    }

    [Fact]
    public void a_bad_condition_is_a_validation_error()
    {
        var json = TempCatalog.Sample.Replace("\"dependsOn\": [\"first\", \"second\"],", "\"dependsOn\": [\"first\", \"second\"], \"condition\": \"tier in ['A', 'B'\",", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"condition\""), "$.steps[2].condition", "invalid condition: expected ']'");
    }

    [Theory]
    [InlineData("{ \"month\": 2, \"day\": 30 }", "2-30 does not occur every year")]
    [InlineData("{ \"month\": 2, \"day\": 29 }", "February 29 is not allowed")]
    [InlineData("{ \"month\": 13, \"day\": 1 }", "month 13 does not exist")]
    public void an_annual_wait_date_that_does_not_occur_every_year_is_reported(string waitUntil, string message)
    {
        var json = TempCatalog.Sample.Replace(
            "{ \"id\": \"join\", \"kind\": \"review\"",
            $"{{ \"id\": \"batch\", \"kind\": \"waitUntil\", \"name\": {{ \"zh\": \"批\", \"en\": \"Batch\" }}, \"waitUntil\": {waitUntil} }},\n    {{ \"id\": \"join\", \"kind\": \"review\"",
            StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"waitUntil\": {"), "$.steps[2].waitUntil", message);
    }

    [Fact]
    public void an_outcome_the_step_kind_does_not_allow_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"kind\": \"review\", \"department\": \"finance\"", "\"kind\": \"window\", \"department\": \"finance\"", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "{ \"outcome\": \"reject\" }] }\n  ]"), "$.steps[2].outcomes[1].outcome", "outcome 'reject' is not allowed for a window step");
    }

    [Fact]
    public void a_critical_path_longer_than_the_promised_limit_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"promisedDays\": 10", "\"promisedDays\": 5", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"promisedDays\""), "$.promisedDays", "critical path of counting steps needs 6 working days");
    }

    [Fact]
    public void a_promised_limit_above_the_statutory_limit_is_reported()
    {
        var json = TempCatalog.Sample.Replace("\"statutoryDays\": 20", "\"statutoryDays\": 8", StringComparison.Ordinal);
        AssertProblem(SingleProblem(json), TempCatalog.LineOf(json, "\"promisedDays\""), "$.promisedDays", "exceeds the statutory limit (8)");
    }

    [Fact]
    public void a_file_name_that_differs_from_the_id_is_reported()
    {
        AssertProblem(SingleProblem(TempCatalog.Sample, "other.json"), TempCatalog.LineOf(TempCatalog.Sample, "\"id\": \"sample\""), "$.id", "does not match the file name");
    }

    [Fact]
    public void a_bundle_referencing_an_unknown_item_is_reported()
    {
        const string bundle = """
            {
              "kind": "bundle",
              "id": "pack",
              "version": 1,
              "name": { "zh": "一件事", "en": "Pack" },
              "caseType": "joint",
              "statutoryDays": 45,
              "items": [
                "sample",
                "missing-item"
              ]
            }
            """;
        var problem = SingleProblem(bundle, "pack.json", (File, TempCatalog.Sample));
        AssertProblem(problem, TempCatalog.LineOf(bundle, "\"missing-item\""), "$.items[1]", "unknown item 'missing-item'");
    }

    [Fact]
    public void load_throws_with_every_problem_and_the_command_prints_them_and_returns_one()
    {
        var json = TempCatalog.Sample.Replace("\"department\": \"housing\"", "\"department\": \"tax\"", StringComparison.Ordinal)
            .Replace("\"statutoryDays\": 20", "\"statutoryDays\": 8", StringComparison.Ordinal);
        using var catalog = new TempCatalog().With(File, json);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var thrown = Assert.Throws<CatalogValidationException>(catalog.Load);
        var exit = WorkflowValidateCommand.Run(catalog.Folder, stdout, stderr);

        Assert.Equal(2, thrown.Problems.Count);
        Assert.Equal(1, exit);
        Assert.Equal(
            thrown.Problems.Select(p => $"{p.File}:{p.Line}: {p.Path}: {p.Message}"),
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
