using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Studio;

/// <summary>
/// The journal's one-line summary of a publication: what a version changed against the one before, in the words of the
/// studio's diff (<see cref="DefinitionDiff"/>), so the journal and the editor say a change the same way.
/// </summary>
internal static class PublicationSummary
{
    public static string Of(WorkflowDefinition? before, WorkflowDefinition after, IReadOnlyDictionary<string, Department> departments)
    {
        if (before is null)
        {
            return $"新事项「{after.Name.Zh}」，{after.Steps.Count} 个步骤";
        }

        var changes = DefinitionDiff.Between(before, after, departments);
        return changes.Count == 0 ? $"第{after.Version}版，与第{before.Version}版规则相同" : string.Join("；", changes.Select(c => c.Text.Zh));
    }
}
