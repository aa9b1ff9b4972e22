using Window.Workflows.Definitions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

public class when_returning_for_supplement
{
    private readonly EngineFixture _fixture = new();

    private WorkflowInstance Returned() =>
        _fixture.Engine.Apply(_fixture.StartSample(), new CompleteStep("hrss-officer", "sample", "first", Outcome.Return, "photo copy unreadable", ["identity-card"])).Ok();

    [Fact]
    public void the_step_waits_for_the_named_materials_and_its_clocks_pause()
    {
        var instance = Returned();

        Assert.Equal(StepStatus.Returned, instance.Step("sample", "first").Status);
        Assert.Equal(["identity-card"], instance.Step("sample", "first").ReturnedFor.ToArray());
        Assert.Equal(MaterialStatus.Requested, instance.Materials.Single(m => m.Id == "identity-card").Status);
        Assert.True(instance.Step("sample", "first").Clock!.IsPaused);
        Assert.True(instance.Item("sample").Clock.IsPaused);
        Assert.Equal(("photo copy unreadable", JournalAction.StepReturned), (instance.Journal[^1].Reason, instance.Journal[^1].Action));
    }

    [Fact]
    public void supplying_the_materials_resumes_the_step_and_the_clock_without_counting_the_pause()
    {
        var instance = Returned();
        _fixture.Clock.Advance(TimeSpan.FromDays(3));

        instance = _fixture.Engine.Apply(instance, new SupplyMaterials("talent", ["identity-card"])).Ok();

        Assert.Equal(StepStatus.Ready, instance.Step("sample", "first").Status);
        Assert.False(instance.Item("sample").Clock.IsPaused);
        Assert.Single(instance.Item("sample").Clock.Pauses);
        Assert.Equal(Support.At(2026, 3, 19), _fixture.Engine.Sla(instance).Items.Single().Deadline.DueAt);
    }

    [Fact]
    public void supplying_an_unknown_material_is_refused()
    {
        Assert.Equal(WorkflowErrorCodes.UnknownMaterial, _fixture.Engine.Apply(Returned(), new SupplyMaterials("talent", ["passport"])).Error?.Code);
    }
}
