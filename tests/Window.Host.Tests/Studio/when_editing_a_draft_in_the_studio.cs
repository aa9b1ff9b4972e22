using Window.Host.Components.Studio;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Tests.Studio;

/// <summary>
/// The studio's draft (its JSON tree, which the form, the graph and the JSON view share), checked with the catalogue's
/// own validator: a new item validates from the start, edits keep the tree in the export format, and clearing a field
/// makes the validator name that field. Pure: no host.
/// </summary>
public sealed class when_editing_a_draft_in_the_studio
{
    private static readonly Department Housing = new("housing", new LocalizedName("住建局", "Housing"));
    private static readonly Department Health = new("health", new LocalizedName("卫健委", "Health"));
    private static readonly IReadOnlySet<string> Departments = new HashSet<string> { "talent-office", "housing", "health", "education", "hrss", "public-security", "finance", "science-tech" };

    private static DraftDocument NewItem() => DraftDocument.NewItem("talent-card", new LocalizedName("人才码", "Talent card"), Housing);

    private static DefinitionRead Read(DraftDocument draft) => DefinitionJson.Read(draft.ToJson(), Departments);

    [Fact]
    public void a_new_item_is_valid_at_once_with_one_five_day_review_by_its_department()
    {
        var draft = NewItem();

        var read = Read(draft);

        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        var step = Assert.Single(read.Item!.Steps);
        Assert.Equal(("step-1", "housing", 5, "住建局审核"), (step.Id, step.Department, step.LimitDays, step.Name.Zh));
        Assert.Equal([Outcome.Approve, Outcome.Reject, Outcome.Return], step.Outcomes.Select(o => o.Kind));
    }

    [Fact]
    public void three_parallel_steps_joined_by_a_fourth_read_as_dependencies()
    {
        var draft = NewItem();
        draft.AddStep(Health, after: null);
        draft.AddStep(Housing with { Id = "education" }, after: null);
        draft.AddStep(Housing with { Id = "talent-office" }, after: null);

        Assert.True(draft.Connect("step-1", "step-4"));
        Assert.True(draft.Connect("step-2", "step-4"));
        Assert.True(draft.Connect("step-3", "step-4"));

        var item = Read(draft).Item!;
        Assert.Equal(["step-1", "step-2", "step-3"], item.FindStep("step-4")!.DependsOn);
        Assert.All(item.Steps.Take(3), s => Assert.Empty(s.DependsOn));
        Assert.Equal([0, 0, 0, 1], StepGraph.Of(item.Steps).Nodes.Select(n => n.Column));
    }

    [Fact]
    public void a_connection_that_would_loop_or_exists_already_changes_nothing()
    {
        var draft = NewItem();
        draft.AddStep(Health, after: "step-1");
        var before = draft.ToJson();

        Assert.False(draft.Connect("step-2", "step-1"));
        Assert.False(draft.Connect("step-1", "step-2"));
        Assert.False(draft.Connect("step-1", "step-1"));
        Assert.False(draft.Connect("ghost", "step-1"));
        Assert.Equal(before, draft.ToJson());
    }

    [Fact]
    public void removing_a_step_removes_every_dependency_on_it()
    {
        var draft = NewItem();
        draft.AddStep(Health, after: "step-1");
        draft.AddStep(Health, after: "step-2");

        draft.RemoveStep("step-2");

        Assert.True(Read(draft).IsValid);
        Assert.Null(draft.Step("step-3")!["dependsOn"]);
    }

    [Fact]
    public void a_new_step_takes_the_next_free_id()
    {
        var draft = NewItem();
        draft.AddStep(Health, after: null);
        draft.RemoveStep("step-1");

        var added = draft.AddStep(Health, after: null);

        Assert.Equal("step-3", DraftDocument.Str(added, "id"));
    }

    [Fact]
    public void clearing_a_required_field_makes_the_validator_name_that_field()
    {
        var draft = NewItem();
        var step = draft.Step("step-1")!;

        DraftDocument.SetStr(DraftDocument.NameOf(step), "zh", "  ");
        DraftDocument.SetInt(step, "limitDays", "");

        var problems = Read(draft).Problems.Select(p => (p.Path, p.Message)).ToList();
        Assert.Contains(("$.steps[0].name.zh", "required property is missing"), problems);
        Assert.Contains(("$.steps[0].limitDays", "required property is missing"), problems);
        Assert.Equal("$.steps[0].limitDays", draft.StepPath(step, "limitDays"));
    }

    [Fact]
    public void a_limit_over_the_promised_days_is_a_problem_at_the_steps_limit()
    {
        var draft = NewItem();

        DraftDocument.SetInt(draft.Step("step-1")!, "limitDays", "12");

        Assert.Contains(Read(draft).Problems, p => p.Path == "$.steps[0].limitDays" && p.Message.Contains("exceeds the item's promised limit", StringComparison.Ordinal));
    }

    [Fact]
    public void text_typed_in_a_number_field_is_kept_for_the_validator_to_refuse()
    {
        var draft = NewItem();

        DraftDocument.SetInt(draft.Root, "promisedDays", "ten");

        Assert.Equal("ten", DraftDocument.Str(draft.Root, "promisedDays"));
        Assert.Contains(Read(draft).Problems, p => p.Path == "$.promisedDays");
    }

    [Fact]
    public void changing_a_steps_kind_keeps_it_valid_for_the_kind()
    {
        var draft = NewItem();
        var step = draft.Step("step-1")!;

        DraftDocument.SetKind(step, StepKind.Window);
        Assert.True(Read(draft).IsValid, string.Join("\n", Read(draft).Problems));
        Assert.Equal([Outcome.Approve], Read(draft).Item!.Steps[0].Outcomes.Select(o => o.Kind));

        DraftDocument.SetKind(step, StepKind.WaitDays);
        Assert.True(Read(draft).IsValid, string.Join("\n", Read(draft).Problems));
        Assert.Equal((5, null), (Read(draft).Item!.Steps[0].WaitDays, Read(draft).Item!.Steps[0].LimitDays));

        DraftDocument.SetKind(step, StepKind.Review);
        Assert.True(Read(draft).IsValid, string.Join("\n", Read(draft).Problems));
        Assert.Equal([Outcome.Approve], Read(draft).Item!.Steps[0].Outcomes.Select(o => o.Kind));
    }

    [Fact]
    public void removing_a_material_removes_it_from_the_steps_that_examine_it()
    {
        var draft = NewItem();
        var material = draft.AddMaterial();
        DraftDocument.SetStr(DraftDocument.NameOf(material), "zh", "申请表");
        DraftDocument.SetStr(DraftDocument.NameOf(material), "en", "Application form");
        DraftDocument.SetStrings(draft.Step("step-1")!, "materials", ["material-1"]);
        Assert.True(Read(draft).IsValid, string.Join("\n", Read(draft).Problems));
        Assert.Equal(["housing"], DraftDocument.Strings(material, "visibleTo"));

        draft.Remove(material);

        Assert.True(Read(draft).IsValid);
        Assert.False(draft.Step("step-1")!.ContainsKey("materials"));
    }

    [Fact]
    public void a_declared_field_lets_a_condition_read_it_and_removing_the_last_drops_the_list()
    {
        var draft = NewItem();
        DraftDocument.SetStr(draft.Step("step-1")!, "condition", "tier in ['A', 'B']");
        Assert.Contains(Read(draft).Problems, p => p.Path == "$.steps[0].condition");

        var field = draft.AddField();
        DraftDocument.SetStr(field, "id", "tier");
        DraftDocument.SetStr(DraftDocument.NameOf(field), "zh", "人才层次");
        DraftDocument.SetStr(DraftDocument.NameOf(field), "en", "Talent tier");
        Assert.True(Read(draft).IsValid, string.Join("\n", Read(draft).Problems));

        draft.Remove(field);
        Assert.False(draft.Root.ContainsKey("fields"));
    }

    [Fact]
    public void a_shipped_definition_edited_and_written_keeps_what_the_form_does_not_show()
    {
        var shipped = File.ReadAllText(Path.Combine(Window.Testing.RepositoryPaths.Root, "workflows", "talent-certification.json"));
        var draft = DraftDocument.Parse(shipped, out var error)!;
        Assert.Null(error);

        DraftDocument.SetInt(draft.Step("hrss-review")!, "limitDays", "4");

        var item = Read(draft).Item!;
        var original = DefinitionJson.Read(shipped, Departments).Item;
        Assert.NotNull(item);
        Assert.Equal(original!.RefusalReasons, item.RefusalReasons);
        Assert.Equal(4, item.FindStep("hrss-review")!.LimitDays);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{ \"id\": ")]
    public void text_that_is_not_a_json_object_is_refused_with_a_message(string text)
    {
        Assert.Null(DraftDocument.Parse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
