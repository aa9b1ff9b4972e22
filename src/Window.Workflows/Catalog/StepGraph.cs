using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>A step placed on the graph: its column is its dependency depth, its row its place among the steps of that depth.</summary>
public sealed record StepNode(string Id, int Column, int Row);

/// <summary>What the graph needs of a step: its id, the steps it waits for and its condition as written (a draft's may not parse yet).</summary>
public sealed record StepLinks(string Id, IReadOnlyList<string> DependsOn, string? Condition);

/// <summary>A dependency drawn as an arrow from the step that must finish first to the one that waits for it.</summary>
/// <param name="From">The earlier step.</param>
/// <param name="To">The step that depends on it.</param>
/// <param name="Condition">The condition of <paramref name="To"/>, shown on the edge (null when it always runs).</param>
public sealed record StepEdge(string From, string To, string? Condition);

/// <summary>
/// The steps of an item as a layered graph, for the studio's drawing: a step with no dependencies is in column 0, any
/// other one column right of its deepest dependency, so parallel branches share a column and a join sits right of
/// all its branches. Works on drafts too: unknown dependencies are ignored and a cycle is cut (its steps still get a
/// place), so a half-edited definition can always be drawn.
/// </summary>
public sealed record StepGraph(IReadOnlyList<StepNode> Nodes, IReadOnlyList<StepEdge> Edges)
{
    /// <summary>The number of columns (0 for no steps).</summary>
    public int Columns => Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Column) + 1;

    /// <summary>The rows of the tallest column.</summary>
    public int Rows => Nodes.Count == 0 ? 0 : Nodes.GroupBy(n => n.Column).Max(g => g.Count());

    /// <summary>Lays out <paramref name="steps"/>; rows follow the steps' order in the definition.</summary>
    public static StepGraph Of(IReadOnlyList<StepDefinition> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return Of([.. steps.Select(Links)]);
    }

    /// <summary>Lays out the steps of a draft, which may not be valid yet; a repeated id is drawn once.</summary>
    public static StepGraph Of(IReadOnlyList<StepLinks> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var byId = new Dictionary<string, StepLinks>();
        foreach (var step in steps)
        {
            byId.TryAdd(step.Id, step);
        }

        var depth = new Dictionary<string, int>();
        var visiting = new HashSet<string>();

        int Depth(string id)
        {
            if (depth.TryGetValue(id, out var known))
            {
                return known;
            }

            if (!visiting.Add(id))
            {
                return -1; // on a cycle: this edge does not push the step further right
            }

            var deepest = byId[id].DependsOn.Where(byId.ContainsKey).Select(Depth).DefaultIfEmpty(-1).Max();
            visiting.Remove(id);
            return depth[id] = deepest + 1;
        }

        var nodes = new List<StepNode>();
        var rows = new Dictionary<int, int>();
        foreach (var id in byId.Keys)
        {
            var column = Depth(id);
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            nodes.Add(new StepNode(id, column, row));
        }

        var edges = byId.Values
            .SelectMany(step => step.DependsOn.Distinct().Where(byId.ContainsKey)
                .Select(from => new StepEdge(from, step.Id, step.Condition)))
            .ToList();
        return new StepGraph(nodes, edges);
    }

    /// <summary>
    /// Whether making <paramref name="to"/> wait for <paramref name="from"/> would close a cycle (or is a step waiting
    /// for itself): true when <paramref name="from"/> already waits, directly or not, for <paramref name="to"/>.
    /// </summary>
    public static bool WouldCycle(IReadOnlyList<StepDefinition> steps, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return WouldCycle([.. steps.Select(Links)], from, to);
    }

    /// <inheritdoc cref="WouldCycle(IReadOnlyList{StepDefinition}, string, string)"/>
    public static bool WouldCycle(IReadOnlyList<StepLinks> steps, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var byId = steps.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<string>();
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var next))
        {
            if (next == to)
            {
                return true;
            }

            if (seen.Add(next) && byId.TryGetValue(next, out var step))
            {
                foreach (var dependency in step.DependsOn)
                {
                    pending.Push(dependency);
                }
            }
        }

        return false;
    }

    private static StepLinks Links(StepDefinition step) =>
        new(step.Id, step.DependsOn, DefinitionDiff.ConditionOf(step));
}
