using Window.Workflows.Definitions;

namespace Window.Host.Studio;

/// <summary>The journal's one-line summary of a publication: what a version changed against the one before, in words.</summary>
internal static class PublicationSummary
{
    public static string Of(WorkflowDefinition? before, WorkflowDefinition after)
    {
        if (before is null)
        {
            return $"新事项「{after.Name.Zh}」，{after.Steps.Count} 个步骤";
        }

        var changes = new List<string>();
        if (before.Name != after.Name)
        {
            changes.Add($"名称 {before.Name.Zh}→{after.Name.Zh}");
        }

        if (before.PromisedDays != after.PromisedDays)
        {
            changes.Add($"承诺时限 {before.PromisedDays}→{after.PromisedDays} 个工作日");
        }

        if (before.StatutoryDays != after.StatutoryDays)
        {
            changes.Add($"法定时限 {before.StatutoryDays}→{after.StatutoryDays} 个工作日");
        }

        var beforeSteps = before.Steps.ToDictionary(s => s.Id);
        var afterSteps = after.Steps.ToDictionary(s => s.Id);
        changes.AddRange(after.Steps.Where(s => !beforeSteps.ContainsKey(s.Id)).Select(s => $"新增步骤「{s.Name.Zh}」"));
        changes.AddRange(before.Steps.Where(s => !afterSteps.ContainsKey(s.Id)).Select(s => $"删除步骤「{s.Name.Zh}」"));
        foreach (var step in after.Steps.Where(s => beforeSteps.ContainsKey(s.Id)))
        {
            var old = beforeSteps[step.Id];
            if (old.LimitDays != step.LimitDays)
            {
                changes.Add($"步骤「{step.Name.Zh}」时限 {old.LimitDays}→{step.LimitDays} 个工作日");
            }

            if (old.Department != step.Department)
            {
                changes.Add($"步骤「{step.Name.Zh}」部门 {old.Department}→{step.Department}");
            }

            if (!old.DependsOn.SequenceEqual(step.DependsOn) || old.ConditionText != step.ConditionText)
            {
                changes.Add($"步骤「{step.Name.Zh}」前置或条件有变");
            }
        }

        var materials = before.Materials.Select(m => m.Id).ToHashSet();
        changes.AddRange(after.Materials.Where(m => !materials.Contains(m.Id)).Select(m => $"新增材料「{m.Name.Zh}」"));
        return changes.Count == 0 ? $"第{after.Version}版，与第{before.Version}版规则相同" : string.Join("；", changes);
    }
}
