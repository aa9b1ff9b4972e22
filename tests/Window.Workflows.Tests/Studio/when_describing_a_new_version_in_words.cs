using Window.Workflows.Catalog;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;

namespace Window.Workflows.Tests.Studio;

/// <summary>The studio's diff between two versions of an item, in words (issue 25): "第2步时限 5→3 个工作日".</summary>
public class when_describing_a_new_version_in_words
{
    private static readonly WorkflowDefinition School = Support.Catalog.LatestItem("school-enrollment")!;
    private static readonly WorkflowDefinition Subsidy = Support.Catalog.LatestItem("housing-subsidy")!;

    private static IReadOnlyList<DefinitionChange> Diff(WorkflowDefinition before, WorkflowDefinition after) =>
        DefinitionDiff.Between(before, after, Support.Catalog.Departments);

    private static WorkflowDefinition WithStep(WorkflowDefinition item, int index, Func<StepDefinition, StepDefinition> change) =>
        item with { Steps = [.. item.Steps.Select((s, i) => i == index ? change(s) : s)] };

    private static WorkflowDefinition WithMaterial(WorkflowDefinition item, int index, Func<MaterialDefinition, MaterialDefinition> change) =>
        item with { Materials = [.. item.Materials.Select((m, i) => i == index ? change(m) : m)] };

    private static StepDefinition Review(string id, string department, params string[] dependsOn) =>
        new(id, StepKind.Review, department, new LocalizedName("新环节" + id, "New step " + id), 5, dependsOn, null,
            [new OutcomeDefinition(Outcome.Approve, new Dictionary<string, CaseValue>())], [], null, null, true);

    private static DefinitionChange Single(IReadOnlyList<DefinitionChange> changes) => Assert.Single(changes);

    [Fact]
    public void the_same_version_has_no_changes()
    {
        Assert.Empty(Diff(School, School));
        Assert.Empty(Diff(School, School with { Steps = [.. School.Steps], Materials = [.. School.Materials] }));
    }

    [Fact]
    public void a_shorter_step_limit_names_the_step_by_its_place_and_the_days_both_ways()
    {
        var change = Single(Diff(School, WithStep(School, 2, s => s with { LimitDays = 3 })));

        Assert.Equal("$.steps[2].limitDays", change.Path);
        Assert.Equal("第3步「教育局统筹安排学位」时限 5→3 个工作日", change.Text.Zh);
        Assert.Equal("Step 3 'School placement' limit 5 → 3 working days", change.Text.En);
    }

    [Fact]
    public void the_items_limits_warning_and_act_rules_are_told_in_working_days()
    {
        var after = School with
        {
            PromisedDays = 8,
            StatutoryDays = 15,
            Warning = new WarningThreshold(null, 0.8),
            Acts = ActRules.Default with { SupplementDays = 10, ActsNeedApproval = true },
            RectificationDays = 15,
        };

        var texts = Diff(School, after).Select(c => c.Text.Zh).ToList();

        Assert.Equal(
        [
            "承诺时限 10→8 个工作日",
            "法定时限 20→15 个工作日",
            "预警 剩 2 个工作日→用时 80%",
            "补正期限 5→10 个工作日",
            "中止、终止改为须经督查审批",
            "差评整改期限 10→15 个工作日",
        ], texts);
    }

    [Fact]
    public void a_renamed_item_and_a_new_case_type_are_told_with_both_names()
    {
        var changes = Diff(School, School with { Name = new LocalizedName("子女就学", "Schooling"), CaseType = CaseType.Joint });

        Assert.Equal(["事项名称「子女入学」→「子女就学」", "办件类型 承诺件→联办件"], changes.Select(c => c.Text.Zh));
        Assert.Equal("Item name 'Children's school place' → 'Schooling'", changes[0].Text.En);
    }

    [Fact]
    public void an_added_step_says_its_place_kind_department_and_limit()
    {
        var after = School with { Steps = [.. School.Steps, Review("health-check", "health", "placement")] };

        var change = Single(Diff(School, after));

        Assert.Equal("$.steps[3]", change.Path);
        Assert.Equal("新增第4步「新环节health-check」（审核，卫健委，时限 5 个工作日）", change.Text.Zh);
        Assert.Equal("Step 4 'New step health-check' added (review, Health Commission, 5 working days)",
            change.Text.En.Replace(Support.Catalog.Departments["health"].Name.En, "Health Commission", StringComparison.Ordinal));
    }

    [Fact]
    public void a_removed_step_is_named_by_its_place_in_the_old_version()
    {
        var after = School with { Steps = [School.Steps[0], School.Steps[2] with { DependsOn = ["eligibility-review"] }] };

        var texts = Diff(School, after).Select(c => c.Text.Zh).ToList();

        Assert.Contains("删除第2步「等待年度统筹安排批次」", texts);
        Assert.Contains("第2步「教育局统筹安排学位」改为须在第1步「教育局入学资格审核」之后", texts);
        Assert.Contains("第2步「教育局统筹安排学位」不再等待第2步「等待年度统筹安排批次」", texts);
    }

    [Fact]
    public void a_new_department_is_named_not_its_id()
    {
        var change = Single(Diff(Subsidy, WithStep(Subsidy, 0, s => s with { Department = "hrss" })));

        Assert.EndsWith("办理部门 人才办→人社局", change.Text.Zh, StringComparison.Ordinal);
        Assert.Equal("$.steps[0].department", change.Path);
    }

    [Fact]
    public void a_condition_added_changed_and_removed_is_written_in_the_condition_language()
    {
        static StepDefinition When(StepDefinition step, string? text) =>
            step with { Condition = text is null ? null : Condition.TryParse(text, out _), ConditionText = text };

        var changed = Single(Diff(School, WithStep(School, 1, s => When(s, "transferMidYear != true and tier in ['A', 'B']"))));
        var removed = Single(Diff(School, WithStep(School, 1, s => When(s, null))));
        var added = Single(Diff(School, WithStep(School, 0, s => When(s, "not (tier == 'E' or tier == null)"))));

        Assert.Equal("第2步「等待年度统筹安排批次」条件 transferMidYear != true → transferMidYear != true and tier in ['A', 'B']", changed.Text.Zh);
        Assert.Equal("第2步「等待年度统筹安排批次」取消条件（原为：transferMidYear != true）", removed.Text.Zh);
        Assert.Equal("第1步「教育局入学资格审核」新增条件：not (tier == 'E' or tier == null)", added.Text.Zh);
        Assert.Equal("Step 2 'Waiting for the yearly placement batch' loses its condition (transferMidYear != true)", removed.Text.En);
    }

    [Theory]
    [InlineData("tier == 'A'")]
    [InlineData("a or b and c")]
    [InlineData("(a or b) and c")]
    [InlineData("not a and b")]
    [InlineData("not (a and b)")]
    [InlineData("age >= 35 or tier not in ['A', 'B', null]")]
    [InlineData("(x == 1) == true")]
    public void a_formatted_condition_parses_back_to_the_same_condition(string text)
    {
        var condition = Condition.TryParse(text, out _)!;

        var formatted = DefinitionDiff.Format(condition);

        Assert.Equal(condition, Condition.TryParse(formatted, out _), new ConditionComparer());
    }

    [Fact]
    public void a_materials_validity_on_file_is_told_in_months()
    {
        var change = Single(Diff(School, WithMaterial(School, 0, m => m with { ValidMonths = 6 })));

        Assert.Equal("$.materials[0].validMonths", change.Path);
        Assert.EndsWith("在档有效期 长期→6 个月", change.Text.Zh, StringComparison.Ordinal);
        Assert.EndsWith("valid on file no expiry → 6 months", change.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void materials_added_removed_and_made_deferrable_are_told()
    {
        var extra = new MaterialDefinition("vaccination-record", new LocalizedName("预防接种证", "Vaccination record"), false, false, ["education"]);
        var after = WithMaterial(School, 2, m => m with { Deferrable = true }) with { Materials = [.. School.Materials.Take(3).Select((m, i) => i == 2 ? m with { Deferrable = true } : m), extra] };

        var texts = Diff(School, after).Select(c => c.Text.Zh).ToList();

        Assert.Contains("材料「子女出生医学证明」必交→必交，可容缺", texts);
        Assert.Contains("新增材料「预防接种证」（选交）", texts);
        Assert.Contains("删除材料「居住证明」", texts);
    }

    [Fact]
    public void who_may_see_a_material_is_told_by_department_name()
    {
        var changes = Diff(School, WithMaterial(School, 1, m => m with { VisibleTo = ["public-security"] }));

        Assert.Equal(["材料「户口簿」新增可见部门：公安局", "材料「户口簿」不再对教育局可见"], changes.Select(c => c.Text.Zh));
        Assert.All(changes, c => Assert.Equal("$.materials[1].visibleTo", c.Path));
    }

    [Fact]
    public void outcomes_allowed_and_the_data_they_set_are_told()
    {
        var after = WithStep(School, 2, s => s with
        {
            Outcomes = [new OutcomeDefinition(Outcome.Approve, new Dictionary<string, CaseValue> { ["schoolPlaced"] = CaseValue.True, ["school"] = CaseValue.Of("一中") }),
                new OutcomeDefinition(Outcome.Return, new Dictionary<string, CaseValue>())],
        });

        var texts = Diff(School, after).Select(c => c.Text.Zh).ToList();

        Assert.Equal(
        [
            "第3步「教育局统筹安排学位」「通过」设置的办件数据 schoolPlaced = true→school = '一中', schoolPlaced = true",
            "第3步「教育局统筹安排学位」新增办理结果：退回补正",
            "第3步「教育局统筹安排学位」取消办理结果：不予批准",
        ], texts);
    }

    [Fact]
    public void a_renamed_step_a_new_kind_and_waits_are_told()
    {
        var after = WithStep(School, 1, s => s with
        {
            Name = new LocalizedName("等待统筹批次", "Waiting for the batch"),
            WaitUntil = WaitDate.Annually(9, 1),
        });

        var texts = Diff(School, after).Select(c => c.Text.Zh).ToList();

        Assert.Equal(["第2步「等待统筹批次」原名「等待年度统筹安排批次」", "第2步「等待统筹批次」等待日期 每年8月20日→每年9月1日"], texts);
    }

    [Fact]
    public void a_condition_written_differently_but_the_same_is_shown_as_the_administrator_wrote_it()
    {
        var step = School.Steps[1];

        var change = Single(Diff(School, WithStep(School, 1, s => s with { Condition = Condition.TryParse("(transferMidYear != true)", out _), ConditionText = "(transferMidYear != true)" })));

        Assert.Equal("transferMidYear != true", step.ConditionText);
        Assert.Equal("第2步「等待年度统筹安排批次」条件 transferMidYear != true → (transferMidYear != true)", change.Text.Zh);
    }

    [Fact]
    public void declared_case_data_added_changed_and_removed_is_told()
    {
        var declared = Assert.Single(School.Fields);
        var tier = new CaseField("tier", CaseFieldType.Text, new LocalizedName("人才层次", "Talent tier"), CaseFieldSource.Intake);

        var added = Diff(School, School with { Fields = [declared, tier] });
        var changed = Diff(School, School with { Fields = [declared with { Source = CaseFieldSource.Outcome }] });
        var removed = Diff(School, School with { Fields = [] });

        Assert.Equal("新增办件数据「人才层次」（tier，文字，窗口受理时填写）", Single(added).Text.Zh);
        Assert.Equal("办件数据「年中插班转学」（transferMidYear）是/否，窗口受理时填写→「年中插班转学」是/否，由环节办理结果设置", Single(changed).Text.Zh);
        Assert.Equal("Case data removed: 'Transfer in the middle of the school year' (transferMidYear)", Single(removed).Text.En);
    }

    [Fact]
    public void reordered_steps_are_told_once()
    {
        var after = School with { Steps = [School.Steps[1], School.Steps[0], School.Steps[2]] };

        Assert.Contains(Diff(School, after), c => c.Text.Zh == "环节顺序调整");
    }

    [Fact]
    public void every_change_has_both_languages()
    {
        var after = School with
        {
            PromisedDays = 9,
            Steps = [.. School.Steps.Select(s => s with { LimitDays = s.LimitDays is { } d ? d - 1 : null, Condition = null, ConditionText = null }), Review("x", "finance")],
            Materials = [.. School.Materials.Skip(1)],
        };

        var changes = Diff(School, after);

        Assert.True(changes.Count >= 5);
        Assert.All(changes, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Text.Zh));
            Assert.False(string.IsNullOrWhiteSpace(c.Text.En));
            Assert.StartsWith("$", c.Path, StringComparison.Ordinal);
        });
    }

    /// <summary>Conditions compared by their tree (records holding a list compare the list by reference).</summary>
    private sealed class ConditionComparer : IEqualityComparer<Condition?>
    {
        public bool Equals(Condition? x, Condition? y) => (x, y) switch
        {
            (InCondition a, InCondition b) => a.Negated == b.Negated && a.Values.SequenceEqual(b.Values) && Equals(a.Operand, b.Operand),
            (NotCondition a, NotCondition b) => Equals(a.Operand, b.Operand),
            (LogicalCondition a, LogicalCondition b) => a.IsAnd == b.IsAnd && Equals(a.Left, b.Left) && Equals(a.Right, b.Right),
            (CompareCondition a, CompareCondition b) => a.Operator == b.Operator && Equals(a.Left, b.Left) && Equals(a.Right, b.Right),
            _ => x is not null && x == y,
        };

        public int GetHashCode(Condition? obj) => 0;
    }
}
