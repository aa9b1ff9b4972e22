using Window.Workflows.Conditions;
using FsCheck.Xunit;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

public class when_completing_parallel_steps
{
    private readonly EngineFixture _fixture = new();

    [Fact]
    public void join_step_becomes_ready_only_after_all_predecessors()
    {
        var instance = _fixture.StartSample();

        instance = _fixture.Engine.Approve(instance, "sample", "first");
        Assert.Equal(StepStatus.Pending, instance.Step("sample", "join").Status);

        instance = _fixture.Engine.Approve(instance, "sample", "second");
        Assert.Equal(StepStatus.Ready, instance.Step("sample", "join").Status);
    }

    [Fact]
    public void the_case_completes_when_the_last_step_is_approved()
    {
        var instance = _fixture.StartSample();
        foreach (var step in new[] { "second", "first", "join" })
        {
            instance = _fixture.Engine.Approve(instance, "sample", step);
        }

        Assert.Equal(ItemStatus.Approved, instance.Item("sample").Status);
        Assert.Equal(CaseStatus.Completed, instance.Status);
        Assert.Equal(JournalAction.CaseCompleted, instance.Journal[^1].Action);
    }

    [Fact]
    public void an_outcome_sets_flags_in_case_data()
    {
        var instance = _fixture.Engine.Approve(_fixture.StartSample(), "sample", "first");

        Assert.Equal(CaseValue.True, instance.Data["firstDone"]);
    }

    [Fact]
    public void each_transition_is_journaled_with_when_who_what_and_outcome()
    {
        _fixture.Clock.Advance(TimeSpan.FromHours(2));
        var result = _fixture.Engine.Apply(_fixture.StartSample(), new CompleteStep("hrss-officer", "sample", "first", Outcome.Approve));

        var entry = Assert.Single(result.Events);
        Assert.Equal((_fixture.Clock.GetUtcNow(), "hrss-officer", JournalAction.StepCompleted, "first", Outcome.Approve),
            (entry.At, entry.Actor, entry.Action, entry.StepId, entry.Outcome));
        Assert.Equal(result.Instance!.Journal.Length, entry.Sequence);
    }

    [Property(MaxTest = 60)]
    public bool any_completion_order_reaches_the_same_final_state(int[] choices)
    {
        var fixture = new EngineFixture(Support.At(2026, 9, 1));
        var data = new Dictionary<string, CaseValue> { ["tier"] = CaseValue.Of("B") };
        var start = new StartCase("case-1", "desk-1", ["sample", "talent-service-card", "household-registration", "talent-apartment"], data,
            [.. Support.AllMaterials("talent-service-card", "household-registration", "talent-apartment"), "bank-account"]);

        static string Final(WorkflowInstance instance) => WorkflowJson.Serialize(instance with { Journal = [] });

        WorkflowInstance Run(Func<int, int> pick)
        {
            var instance = fixture.Engine.Start(start).Ok();
            for (var turn = 0; instance.Status == CaseStatus.Open; turn++)
            {
                var ready = instance.Items.SelectMany(i => i.Steps.Where(s => s.Status == StepStatus.Ready).Select(s => (i.ItemId, s.Id))).ToList();
                var (item, step) = ready[pick(turn) % ready.Count];
                instance = fixture.Engine.Approve(instance, item, step);
            }

            return instance;
        }

        var choicesOrEmpty = choices ?? [];
        var inFileOrder = Run(_ => 0);
        var shuffled = Run(turn => choicesOrEmpty.Length == 0 ? 0 : Math.Abs(choicesOrEmpty[turn % choicesOrEmpty.Length] % 1000));
        return Final(inFileOrder) == Final(shuffled);
    }
}
