using Window.Workflows.Catalog;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;

namespace Window.Workflows.Tests.Studio;

/// <summary>The studio's graph of an item's steps: columns by dependency depth, parallel branches side by side, joins after them.</summary>
public class when_drawing_an_items_steps
{
    private static StepDefinition Step(string id, params string[] dependsOn) =>
        new(id, StepKind.Review, "hrss", new LocalizedName(id, id), 5, dependsOn, null, [new OutcomeDefinition(Outcome.Approve, new Dictionary<string, CaseValue>())], [], null, null, true);

    private static (int Column, int Row) At(StepGraph graph, string id) => graph.Nodes.Single(n => n.Id == id) is var n ? (n.Column, n.Row) : default;

    [Fact]
    public void three_parallel_departments_share_a_column_and_the_join_follows_them()
    {
        var graph = StepGraph.Of([Step("intake"), Step("housing", "intake"), Step("health", "intake"), Step("education", "intake"), Step("deliver", "housing", "health", "education")]);

        Assert.Equal((0, 0), At(graph, "intake"));
        Assert.Equal([(1, 0), (1, 1), (1, 2)], new[] { "housing", "health", "education" }.Select(id => At(graph, id)));
        Assert.Equal((2, 0), At(graph, "deliver"));
        Assert.Equal((3, 3), (graph.Columns, graph.Rows));
        Assert.Equal(6, graph.Edges.Count);
        Assert.Contains(new StepEdge("health", "deliver", null), graph.Edges);
    }

    [Fact]
    public void a_step_goes_one_column_right_of_its_deepest_dependency()
    {
        var graph = StepGraph.Of([Step("a"), Step("b", "a"), Step("c", "b"), Step("d", "a", "c")]);

        Assert.Equal(3, At(graph, "d").Column);
    }

    [Fact]
    public void steps_listed_before_their_dependencies_are_still_placed_after_them()
    {
        var graph = StepGraph.Of([Step("join", "a", "b"), Step("b"), Step("a")]);

        Assert.Equal([(1, 0), (0, 0), (0, 1)], new[] { "join", "b", "a" }.Select(id => At(graph, id)));
    }

    [Fact]
    public void a_conditional_step_carries_its_condition_on_each_incoming_edge()
    {
        var placement = Support.Catalog.LatestItem("school-enrollment")!;

        var graph = StepGraph.Of(placement.Steps);

        Assert.Equal(new StepEdge("eligibility-review", "placement-batch", "transferMidYear != true"), graph.Edges[0]);
        Assert.Equal(new StepEdge("placement-batch", "placement", null), graph.Edges[1]);
    }

    [Fact]
    public void a_draft_with_a_cycle_or_an_unknown_dependency_can_still_be_drawn()
    {
        var graph = StepGraph.Of([Step("a", "b"), Step("b", "a"), Step("c", "ghost")]);

        Assert.Equal(3, graph.Nodes.Count);
        Assert.Equal(0, At(graph, "c").Column);
        Assert.DoesNotContain(graph.Edges, e => e.From == "ghost");
        Assert.Equal(2, graph.Edges.Count);
    }

    [Fact]
    public void an_empty_item_has_an_empty_graph()
    {
        var graph = StepGraph.Of(Array.Empty<StepLinks>());

        Assert.Equal((0, 0), (graph.Columns, graph.Rows));
    }

    [Theory]
    [InlineData("a", "c", true)]
    [InlineData("a", "b", true)]
    [InlineData("a", "a", true)]
    [InlineData("c", "a", false)]
    [InlineData("c", "b", false)]
    [InlineData("b", "c", true)]
    [InlineData("b", "a", false)]
    public void a_dependency_that_would_close_a_cycle_is_recognised(string waiter, string waitsFor, bool cycles)
    {
        // c waits for b, b waits for a: making a (or b) wait for c would close a loop; c waiting for a is merely redundant.
        IReadOnlyList<StepDefinition> steps = [Step("a"), Step("b", "a"), Step("c", "b")];

        Assert.Equal(cycles, StepGraph.WouldCycle(steps, from: waitsFor, to: waiter));
    }
}
