using System.Globalization;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>One difference between two versions of an item, in words (Chinese and English).</summary>
/// <param name="Path">The JSON path of what changed, in the newer version when it still has it (else the older's).</param>
/// <param name="Text">The change as a sentence, e.g. 第2步「住建局审核」时限 5→3 个工作日.</param>
public sealed record DefinitionChange(string Path, LocalizedName Text);

/// <summary>
/// What changed between two versions of a service item, in words an administrator reads without JSON: names, limits,
/// warning, act rules, materials (required, deferrable, who sees them) and steps (added, removed, department, kind,
/// limit, dependencies, condition, outcomes, waits). Steps and materials are matched by id; a step is called by its
/// position and name in the version that has it ("第2步「…」"). Pure: the same two versions give the same list.
/// </summary>
public static class DefinitionDiff
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, item first, then materials, then steps.</summary>
    /// <param name="before">The older version.</param>
    /// <param name="after">The newer version (or a draft).</param>
    /// <param name="departments">Names departments by id; an unknown id is shown as it is.</param>
    public static IReadOnlyList<DefinitionChange> Between(WorkflowDefinition before, WorkflowDefinition after, IReadOnlyDictionary<string, Department>? departments = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var diff = new Writer(departments ?? new Dictionary<string, Department>());
        diff.Item(before, after);
        diff.Fields(before.Fields, after.Fields);
        diff.Materials(before.Materials, after.Materials);
        diff.Steps(before.Steps, after.Steps);
        return diff.Changes;
    }

    /// <summary>A condition written back in the condition language, parenthesised only where precedence needs it.</summary>
    public static string Format(Condition condition) => condition switch
    {
        LiteralCondition literal => literal.Value.ToString(),
        FieldCondition field => field.Name,
        NotCondition not => "not " + Operand(not.Operand, 3),
        LogicalCondition { IsAnd: true } and => $"{Operand(and.Left, 2)} and {Operand(and.Right, 2)}",
        LogicalCondition or => $"{Operand(or.Left, 1)} or {Operand(or.Right, 1)}",
        CompareCondition compare => $"{Operand(compare.Left, 5)} {compare.Operator} {Operand(compare.Right, 5)}",
        InCondition inList => $"{Operand(inList.Operand, 5)} {(inList.Negated ? "not in" : "in")} [{string.Join(", ", inList.Values)}]",
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    private static int Precedence(Condition condition) => condition switch
    {
        LogicalCondition { IsAnd: false } => 1,
        LogicalCondition => 2,
        NotCondition => 3,
        CompareCondition or InCondition => 4,
        _ => 5,
    };

    private static string Operand(Condition condition, int context) =>
        Precedence(condition) < context ? $"({Format(condition)})" : Format(condition);

    private sealed class Writer(IReadOnlyDictionary<string, Department> departments)
    {
        public List<DefinitionChange> Changes { get; } = [];

        private void Add(string path, string zh, string en) => Changes.Add(new DefinitionChange(path, new LocalizedName(zh, en)));

        public void Item(WorkflowDefinition before, WorkflowDefinition after)
        {
            if (before.Name != after.Name)
            {
                Add("$.name", $"事项名称「{before.Name.Zh}」→「{after.Name.Zh}」", $"Item name '{before.Name.En}' → '{after.Name.En}'");
            }

            if (before.CaseType != after.CaseType)
            {
                Add("$.caseType", $"办件类型 {CaseTypeZh(before.CaseType)}→{CaseTypeZh(after.CaseType)}", $"Case type {CaseTypeEn(before.CaseType)} → {CaseTypeEn(after.CaseType)}");
            }

            Days("$.promisedDays", "承诺时限", "Promised limit", before.PromisedDays, after.PromisedDays);
            Days("$.statutoryDays", "法定时限", "Statutory limit", before.StatutoryDays, after.StatutoryDays);
            if (before.Warning != after.Warning)
            {
                Add("$.warning", $"预警 {WarningZh(before.Warning)}→{WarningZh(after.Warning)}", $"Warning {WarningEn(before.Warning)} → {WarningEn(after.Warning)}");
            }

            var (actsBefore, actsAfter) = (before.ActRules, after.ActRules);
            Days("$.extensionDays", "可延期", "Extension allowance", actsBefore.ExtensionDays, actsAfter.ExtensionDays);
            Days("$.supplementDays", "补正期限", "Supplement period", actsBefore.SupplementDays, actsAfter.SupplementDays);
            if (actsBefore.ActsNeedApproval != actsAfter.ActsNeedApproval)
            {
                Add("$.actsNeedApproval",
                    actsAfter.ActsNeedApproval ? "中止、终止改为须经督查审批" : "中止、终止不再须经督查审批",
                    actsAfter.ActsNeedApproval ? "Suspension and termination now need a supervisor's approval" : "Suspension and termination no longer need a supervisor's approval");
            }

            Days("$.rectificationDays", "差评整改期限", "Rectification period", before.RectificationDays, after.RectificationDays);
            foreach (var reason in after.RefusalReasons.Where(r => before.RefusalReasons.All(b => b.Id != r.Id)))
            {
                Add($"$.refusalReasons[{Index(after.RefusalReasons, reason)}]", $"新增不予受理理由「{reason.Name.Zh}」", $"Refusal reason added: '{reason.Name.En}'");
            }

            foreach (var reason in before.RefusalReasons.Where(r => after.RefusalReasons.All(a => a.Id != r.Id)))
            {
                Add("$.refusalReasons", $"删除不予受理理由「{reason.Name.Zh}」", $"Refusal reason removed: '{reason.Name.En}'");
            }

            foreach (var reason in after.RefusalReasons)
            {
                if (before.RefusalReasons.FirstOrDefault(b => b.Id == reason.Id) is { } old && old.Name != reason.Name)
                {
                    Add($"$.refusalReasons[{Index(after.RefusalReasons, reason)}].name", $"不予受理理由「{old.Name.Zh}」改名为「{reason.Name.Zh}」",
                        $"Refusal reason '{old.Name.En}' renamed '{reason.Name.En}'");
                }
            }
        }

        public void Fields(IReadOnlyList<CaseField> before, IReadOnlyList<CaseField> after)
        {
            for (var index = 0; index < after.Count; index++)
            {
                var field = after[index];
                var old = before.FirstOrDefault(f => f.Id == field.Id);
                if (old is null)
                {
                    Add($"$.fields[{index}]", $"新增办件数据「{field.Name.Zh}」（{field.Id}，{FieldZh(field)}）", $"Case data added: '{field.Name.En}' ({field.Id}, {FieldEn(field)})");
                }
                else if (old != field)
                {
                    Add($"$.fields[{index}]", $"办件数据「{old.Name.Zh}」（{field.Id}）{FieldZh(old)}→「{field.Name.Zh}」{FieldZh(field)}",
                        $"Case data '{old.Name.En}' ({field.Id}) {FieldEn(old)} → '{field.Name.En}' {FieldEn(field)}");
                }
            }

            foreach (var field in before.Where(f => after.All(a => a.Id != f.Id)))
            {
                Add("$.fields", $"删除办件数据「{field.Name.Zh}」（{field.Id}）", $"Case data removed: '{field.Name.En}' ({field.Id})");
            }
        }

        public void Materials(IReadOnlyList<MaterialDefinition> before, IReadOnlyList<MaterialDefinition> after)
        {
            for (var index = 0; index < after.Count; index++)
            {
                var material = after[index];
                var path = $"$.materials[{index}]";
                var old = before.FirstOrDefault(m => m.Id == material.Id);
                if (old is null)
                {
                    Add(path, $"新增材料「{material.Name.Zh}」（{RequiredZh(material)}）", $"Material added: '{material.Name.En}' ({RequiredEn(material)})");
                    continue;
                }

                if (old.Name != material.Name)
                {
                    Add($"{path}.name", $"材料「{old.Name.Zh}」改名为「{material.Name.Zh}」", $"Material '{old.Name.En}' renamed '{material.Name.En}'");
                }

                if (old.Required != material.Required || old.Deferrable != material.Deferrable)
                {
                    Add($"{path}.required", $"材料「{material.Name.Zh}」{RequiredZh(old)}→{RequiredZh(material)}",
                        $"Material '{material.Name.En}' {RequiredEn(old)} → {RequiredEn(material)}");
                }

                if (old.ValidMonths != material.ValidMonths)
                {
                    Add($"{path}.validMonths", $"材料「{material.Name.Zh}」在档有效期 {MonthsZh(old.ValidMonths)}→{MonthsZh(material.ValidMonths)}",
                        $"Material '{material.Name.En}' valid on file {MonthsEn(old.ValidMonths)} → {MonthsEn(material.ValidMonths)}");
                }

                Departments($"{path}.visibleTo", old.VisibleTo, material.VisibleTo,
                    added => ($"材料「{material.Name.Zh}」新增可见部门：{added.Zh}", $"Material '{material.Name.En}' now visible to {added.En}"),
                    removed => ($"材料「{material.Name.Zh}」不再对{removed.Zh}可见", $"Material '{material.Name.En}' no longer visible to {removed.En}"));
            }

            foreach (var material in before.Where(m => after.All(a => a.Id != m.Id)))
            {
                Add("$.materials", $"删除材料「{material.Name.Zh}」", $"Material removed: '{material.Name.En}'");
            }
        }

        public void Steps(IReadOnlyList<StepDefinition> before, IReadOnlyList<StepDefinition> after)
        {
            for (var index = 0; index < after.Count; index++)
            {
                var step = after[index];
                var path = $"$.steps[{index}]";
                var (zh, en) = StepNames(after, step);
                var old = before.FirstOrDefault(s => s.Id == step.Id);
                if (old is null)
                {
                    (string Zh, string En) where = step.Department is { } d ? ($"，{DepartmentName(d).Zh}", $", {DepartmentName(d).En}") : ("", "");
                    Add(path, $"新增{zh}（{KindZh(step.Kind)}{where.Zh}{LimitZh(step)}）", $"{en} added ({KindEn(step.Kind)}{where.En}{LimitEn(step)})");
                    continue;
                }

                Step(path, zh, en, old, step, before, after);
            }

            foreach (var step in before.Where(s => after.All(a => a.Id != s.Id)))
            {
                var (zh, en) = StepNames(before, step);
                Add("$.steps", $"删除{zh}", $"{en} removed");
            }

            var order = after.Where(a => before.Any(b => b.Id == a.Id)).Select(s => s.Id).ToList();
            if (!order.SequenceEqual(before.Where(b => after.Any(a => a.Id == b.Id)).Select(s => s.Id)))
            {
                Add("$.steps", "环节顺序调整", "Steps reordered");
            }
        }

        private void Step(string path, string zh, string en, StepDefinition old, StepDefinition step, IReadOnlyList<StepDefinition> before, IReadOnlyList<StepDefinition> after)
        {
            if (old.Name != step.Name)
            {
                Add($"{path}.name", $"{zh}原名「{old.Name.Zh}」", $"{en} was called '{old.Name.En}'");
            }

            if (old.Kind != step.Kind)
            {
                Add($"{path}.kind", $"{zh}类型 {KindZh(old.Kind)}→{KindZh(step.Kind)}", $"{en} kind {KindEn(old.Kind)} → {KindEn(step.Kind)}");
            }

            if (old.Department != step.Department)
            {
                var (from, to) = (Department(old.Department), Department(step.Department));
                Add($"{path}.department", $"{zh}办理部门 {from.Zh}→{to.Zh}", $"{en} department {from.En} → {to.En}");
            }

            if (old.LimitDays != step.LimitDays)
            {
                Add($"{path}.limitDays", $"{zh}时限 {DaysZh(old.LimitDays)}→{DaysZh(step.LimitDays)} 个工作日", $"{en} limit {DaysEn(old.LimitDays)} → {DaysEn(step.LimitDays)} working days");
            }

            foreach (var added in step.DependsOn.Except(old.DependsOn))
            {
                var (depZh, depEn) = StepNames(after, added);
                Add($"{path}.dependsOn", $"{zh}改为须在{depZh}之后", $"{en} now waits for {depEn}");
            }

            foreach (var removed in old.DependsOn.Except(step.DependsOn))
            {
                var (depZh, depEn) = StepNames(after.Any(s => s.Id == removed) ? after : before, removed);
                Add($"{path}.dependsOn", $"{zh}不再等待{depZh}", $"{en} no longer waits for {depEn}");
            }

            var (conditionBefore, conditionAfter) = (ConditionOf(old), ConditionOf(step));
            if (conditionBefore != conditionAfter)
            {
                Add($"{path}.condition",
                    conditionBefore is null ? $"{zh}新增条件：{conditionAfter}" : conditionAfter is null ? $"{zh}取消条件（原为：{conditionBefore}）" : $"{zh}条件 {conditionBefore} → {conditionAfter}",
                    conditionBefore is null ? $"{en} gets a condition: {conditionAfter}" : conditionAfter is null ? $"{en} loses its condition ({conditionBefore})" : $"{en} condition {conditionBefore} → {conditionAfter}");
            }

            Outcomes(path, zh, en, old.Outcomes, step.Outcomes);
            foreach (var material in step.Materials.Except(old.Materials))
            {
                Add($"{path}.materials", $"{zh}新增审查材料 {material}", $"{en} now examines {material}");
            }

            foreach (var material in old.Materials.Except(step.Materials))
            {
                Add($"{path}.materials", $"{zh}不再审查材料 {material}", $"{en} no longer examines {material}");
            }

            if (old.WaitUntil != step.WaitUntil)
            {
                Add($"{path}.waitUntil", $"{zh}等待日期 {WaitZh(old.WaitUntil)}→{WaitZh(step.WaitUntil)}", $"{en} waits until {WaitEn(old.WaitUntil)} → {WaitEn(step.WaitUntil)}");
            }

            if (old.WaitDays != step.WaitDays)
            {
                Add($"{path}.waitDays", $"{zh}等待 {DaysZh(old.WaitDays)}→{DaysZh(step.WaitDays)} 个工作日", $"{en} waits {DaysEn(old.WaitDays)} → {DaysEn(step.WaitDays)} working days");
            }

            if (old.Counts != step.Counts && old.Kind == step.Kind)
            {
                Add($"{path}.counts", step.Counts ? $"{zh}改为计入时限" : $"{zh}改为不计入时限", step.Counts ? $"{en} now counts against the limit" : $"{en} no longer counts against the limit");
            }
        }

        private void Outcomes(string path, string zh, string en, IReadOnlyList<OutcomeDefinition> before, IReadOnlyList<OutcomeDefinition> after)
        {
            foreach (var outcome in after)
            {
                var old = before.FirstOrDefault(o => o.Kind == outcome.Kind);
                if (old is null)
                {
                    Add($"{path}.outcomes", $"{zh}新增办理结果：{OutcomeZh(outcome.Kind)}", $"{en} allows {OutcomeEn(outcome.Kind)}");
                }
                else if (Sets(old) != Sets(outcome))
                {
                    Add($"{path}.outcomes", $"{zh}「{OutcomeZh(outcome.Kind)}」设置的办件数据 {SetsOrNone(old, "无")}→{SetsOrNone(outcome, "无")}",
                        $"{en} '{OutcomeEn(outcome.Kind)}' sets {SetsOrNone(old, "nothing")} → {SetsOrNone(outcome, "nothing")}");
                }
            }

            foreach (var outcome in before.Where(o => after.All(a => a.Kind != o.Kind)))
            {
                Add($"{path}.outcomes", $"{zh}取消办理结果：{OutcomeZh(outcome.Kind)}", $"{en} no longer allows {OutcomeEn(outcome.Kind)}");
            }
        }

        private static string Sets(OutcomeDefinition outcome) =>
            string.Join(", ", outcome.Sets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} = {s.Value}"));

        private static string SetsOrNone(OutcomeDefinition outcome, string none) => outcome.Sets.Count == 0 ? none : Sets(outcome);

        private void Days(string path, string zh, string en, int before, int after)
        {
            if (before != after)
            {
                Add(path, $"{zh} {before}→{after} 个工作日", $"{en} {before} → {after} working days");
            }
        }

        private void Departments(string path, IReadOnlyList<string> before, IReadOnlyList<string> after,
            Func<LocalizedName, (string Zh, string En)> added, Func<LocalizedName, (string Zh, string En)> removed)
        {
            var gained = after.Except(before).Select(DepartmentName).ToList();
            if (gained.Count > 0)
            {
                var (zh, en) = added(Join(gained));
                Add(path, zh, en);
            }

            var lost = before.Except(after).Select(DepartmentName).ToList();
            if (lost.Count > 0)
            {
                var (zh, en) = removed(Join(lost));
                Add(path, zh, en);
            }
        }

        private static LocalizedName Join(List<LocalizedName> names) =>
            new(string.Join("、", names.Select(n => n.Zh)), string.Join(", ", names.Select(n => n.En)));

        private LocalizedName DepartmentName(string id) => departments.TryGetValue(id, out var found) ? found.Name : new LocalizedName(id, id);

        private LocalizedName Department(string? id) => id is null ? new LocalizedName("无", "none") : DepartmentName(id);

        private static (string Zh, string En) StepNames(IReadOnlyList<StepDefinition> steps, StepDefinition step) =>
            ($"第{Index(steps, step) + 1}步「{step.Name.Zh}」", $"Step {Index(steps, step) + 1} '{step.Name.En}'");

        private static (string Zh, string En) StepNames(IReadOnlyList<StepDefinition> steps, string id) =>
            steps.FirstOrDefault(s => s.Id == id) is { } step ? StepNames(steps, step) : ($"环节 {id}", $"step {id}");

        private static int Index<T>(IReadOnlyList<T> list, T value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (Equals(list[i], value))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>A step's condition as the administrator wrote it, else as the condition language prints it.</summary>
    public static string? ConditionOf(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.ConditionText ?? (step.Condition is null ? null : Format(step.Condition));
    }

    private static string FieldZh(CaseField field) => (field.Type switch
    {
        CaseFieldType.Text => "文字",
        CaseFieldType.Number => "数字",
        _ => "是/否",
    }) + (field.Source == CaseFieldSource.Intake ? "，窗口受理时填写" : "，由环节办理结果设置");

    private static string FieldEn(CaseField field) => (field.Type switch
    {
        CaseFieldType.Text => "text",
        CaseFieldType.Number => "number",
        _ => "yes/no",
    }) + (field.Source == CaseFieldSource.Intake ? ", asked at the desk" : ", set by an outcome");

    private static string DaysZh(int? days) => days?.ToString(CultureInfo.InvariantCulture) ?? "无";

    private static string DaysEn(int? days) => days?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string LimitZh(StepDefinition step) => step.LimitDays is { } days ? $"，时限 {days} 个工作日" : step.WaitDays is { } wait ? $"，等待 {wait} 个工作日" : "";

    private static string LimitEn(StepDefinition step) => step.LimitDays is { } days ? $", {days} working days" : step.WaitDays is { } wait ? $", waits {wait} working days" : "";

    private static string RequiredZh(MaterialDefinition material) => !material.Required ? "选交" : material.Deferrable ? "必交，可容缺" : "必交";

    private static string MonthsZh(int? months) => months is { } m ? $"{m} 个月" : "长期";

    private static string MonthsEn(int? months) => months is { } m ? $"{m} months" : "no expiry";

    private static string RequiredEn(MaterialDefinition material) => !material.Required ? "optional" : material.Deferrable ? "required, deferrable" : "required";

    private static string WarningZh(WarningThreshold warning) =>
        warning.DaysLeft is { } left ? $"剩 {left} 个工作日" : $"用时 {Percent(warning)}";

    private static string WarningEn(WarningThreshold warning) =>
        warning.DaysLeft is { } left ? $"{left} working days left" : $"{Percent(warning)} used";

    private static string Percent(WarningThreshold warning) => ((warning.FractionUsed ?? 1) * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string WaitZh(WaitDate? date) => date switch
    {
        null => "无",
        { Fixed: { } day } => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
        _ => $"每年{date.Month}月{date.Day}日",
    };

    private static string WaitEn(WaitDate? date) => date switch
    {
        null => "none",
        { Fixed: { } day } => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"every year on {new DateOnly(2025, date.Month, date.Day):MMMM d}"),
    };

    private static string CaseTypeZh(CaseType type) => type switch
    {
        CaseType.Immediate => "即办件",
        CaseType.Promised => "承诺件",
        CaseType.Joint => "联办件",
        CaseType.Escalated => "上报件",
        _ => "退回件",
    };

    private static string CaseTypeEn(CaseType type) => type switch
    {
        CaseType.Immediate => "immediate",
        CaseType.Promised => "promised",
        CaseType.Joint => "joint",
        CaseType.Escalated => "escalated",
        _ => "returned",
    };

    private static string KindZh(StepKind kind) => kind switch
    {
        StepKind.Review => "审核",
        StepKind.ExpertReview => "专家评审",
        StepKind.WaitUntil => "等待至日期",
        StepKind.WaitDays => "公示/等待",
        _ => "窗口出件",
    };

    private static string KindEn(StepKind kind) => kind switch
    {
        StepKind.Review => "review",
        StepKind.ExpertReview => "expert review",
        StepKind.WaitUntil => "wait until a date",
        StepKind.WaitDays => "wait days",
        _ => "window",
    };

    private static string OutcomeZh(Outcome outcome) => outcome switch
    {
        Outcome.Approve => "通过",
        Outcome.Reject => "不予批准",
        _ => "退回补正",
    };

    private static string OutcomeEn(Outcome outcome) => outcome switch
    {
        Outcome.Approve => "approve",
        Outcome.Reject => "reject",
        _ => "return for supplement",
    };
}
