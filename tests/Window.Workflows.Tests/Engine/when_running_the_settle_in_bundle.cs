using Microsoft.Extensions.Time.Testing;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;
using Window.Workflows.Sla;

namespace Window.Workflows.Tests.Engine;

public class when_running_the_settle_in_bundle
{
    private readonly FakeTimeProvider _clock = Support.Clock(Support.At(2026, 6, 1));
    private readonly WorkflowEngine _engine;

    public when_running_the_settle_in_bundle() => _engine = Support.Engine(_clock);

    private WorkflowInstance Open() => _engine.Start(Support.Open("settle-1", ["settle-in"], Support.BundleMaterials("settle-in"),
        new Dictionary<string, CaseValue> { ["tier"] = CaseValue.Of("C") })).Ok();

    /// <summary>Approves every ready step, a day at a time, and ends waits when their time comes, until the case completes.</summary>
    private WorkflowInstance RunToCompletion(WorkflowInstance instance)
    {
        while (instance.Status == CaseStatus.Open)
        {
            var ready = instance.Items.SelectMany(i => i.Steps.Where(s => s.Status == StepStatus.Ready).Select(s => (i.ItemId, s.Id))).ToList();
            foreach (var (item, step) in ready)
            {
                instance = _engine.Approve(instance, item, step, $"{item}-officer");
            }

            if (ready.Count == 0)
            {
                var (item, wait) = instance.Items.SelectMany(i => i.Steps.Where(s => s.Status == StepStatus.Waiting).Select(s => (i.ItemId, Step: s)))
                    .MinBy(w => w.Step.WaitUntil);
                _clock.SetUtcNow(wait.WaitUntil!.Value);
                instance = _engine.Apply(instance, new ElapseWait("system", item, wait.Id)).Ok();
            }
        }

        return instance;
    }

    [Fact]
    public void the_happy_path_completes_every_item_with_one_completion()
    {
        var instance = RunToCompletion(Open());

        Assert.All(instance.Items, i => Assert.Equal(ItemStatus.Approved, i.Status));
        Assert.Equal(CaseStatus.Completed, instance.Status);
        Assert.Single(instance.Journal, e => e.Action == JournalAction.CaseCompleted);
        Assert.Equal(CaseValue.True, instance.Data["certified"]);
        Assert.Equal(CaseValue.True, instance.Data["schoolPlaced"]);
        Assert.Equal(SlaLight.Green, _engine.Sla(instance).Case.Light);
    }

    [Fact]
    public void the_return_for_supplement_path_completes_after_the_talent_supplies()
    {
        var instance = Open();
        instance = _engine.Apply(instance, new CompleteStep("health-officer", "medical-checkup", "checkup-arrangement", Outcome.Return, MissingMaterials: ["health-questionnaire"])).Ok();
        _clock.Advance(TimeSpan.FromDays(2));
        var whileReturned = _engine.ReadySteps(instance, "health");

        instance = _engine.Apply(instance, new SupplyMaterials("talent", ["health-questionnaire"])).Ok();
        instance = RunToCompletion(instance);

        Assert.Empty(whileReturned);
        Assert.All(instance.Items, i => Assert.Equal(ItemStatus.Approved, i.Status));
        Assert.Contains(instance.Journal, e => e.Action == JournalAction.StepResumed && e.StepId == "checkup-arrangement");
        Assert.Single(instance.Item("medical-checkup").Clock.Pauses);
    }

    [Fact]
    public void rejecting_one_item_ends_only_that_item_and_the_case_completes_when_every_item_is_decided()
    {
        var instance = _engine.Apply(Open(), new CompleteStep("police", "household-registration", "qualification-review", Outcome.Reject, "already registered elsewhere")).Ok();

        Assert.Equal(("already registered elsewhere", ItemStatus.Rejected), (instance.Item("household-registration").Reason, instance.Item("household-registration").Status));
        Assert.Equal(StepStatus.Cancelled, instance.Step("household-registration", "registration").Status);
        Assert.Equal(CaseStatus.Open, instance.Status);

        instance = RunToCompletion(instance);

        Assert.Equal(CaseStatus.Completed, instance.Status);
        Assert.Equal(4, instance.Items.Count(i => i.Status == ItemStatus.Approved));
    }
}
