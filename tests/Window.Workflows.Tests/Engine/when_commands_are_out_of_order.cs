using Window.Workflows.Definitions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

public class when_commands_are_out_of_order
{
    private readonly EngineFixture _fixture = new();

    private void AssertRefused(WorkflowInstance instance, WorkflowCommand command, string code)
    {
        var result = _fixture.Engine.Apply(instance, command);

        Assert.Equal(code, result.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
        Assert.Same(instance, result.Instance);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void completing_a_step_that_is_not_ready_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new CompleteStep("o", "sample", "join", Outcome.Approve), WorkflowErrorCodes.StepNotReady);
    }

    [Fact]
    public void an_unknown_step_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new CompleteStep("o", "sample", "third", Outcome.Approve), WorkflowErrorCodes.UnknownStep);
    }

    [Fact]
    public void an_unknown_item_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new ClaimStep("o", "housing-subsidy", "first"), WorkflowErrorCodes.UnknownItem);
    }

    [Fact]
    public void an_outcome_the_step_does_not_allow_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new CompleteStep("o", "sample", "second", Outcome.Return, MissingMaterials: ["identity-card"]), WorkflowErrorCodes.OutcomeNotAllowed);
    }

    [Fact]
    public void a_rejection_without_a_reason_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new CompleteStep("o", "sample", "first", Outcome.Reject, "  "), WorkflowErrorCodes.MissingReason);
    }

    [Fact]
    public void a_return_without_materials_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new CompleteStep("o", "sample", "first", Outcome.Return), WorkflowErrorCodes.MissingMaterials);
    }

    [Fact]
    public void a_return_naming_a_material_outside_the_checklist_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new CompleteStep("o", "sample", "first", Outcome.Return, MissingMaterials: ["passport"]), WorkflowErrorCodes.UnknownMaterial);
    }

    [Fact]
    public void acting_on_a_decided_item_is_refused()
    {
        var twoItems = _fixture.Engine.Start(Support.Open("case-1", ["sample", "medical-checkup"], [.. Support.AllMaterials("medical-checkup"), "bank-account"])).Ok();
        var rejected = _fixture.Engine.Apply(twoItems, new CompleteStep("o", "sample", "first", Outcome.Reject, "not eligible")).Ok();

        Assert.Equal(CaseStatus.Open, rejected.Status);
        AssertRefused(rejected, new CompleteStep("o", "sample", "second", Outcome.Approve), WorkflowErrorCodes.ItemClosed);
    }

    [Fact]
    public void acting_on_a_completed_case_is_refused()
    {
        var completed = _fixture.Engine.Apply(_fixture.StartSample(), new CompleteStep("o", "sample", "first", Outcome.Reject, "not eligible")).Ok();

        AssertRefused(completed, new SupplyMaterials("o", ["identity-card"]), WorkflowErrorCodes.CaseClosed);
    }

    [Fact]
    public void a_step_claimed_by_another_officer_cannot_be_claimed_or_completed()
    {
        var claimed = _fixture.Engine.Apply(_fixture.StartSample(), new ClaimStep("alice", "sample", "first")).Ok();

        Assert.Equal(("alice", StepStatus.Claimed), (claimed.Step("sample", "first").ClaimedBy, claimed.Step("sample", "first").Status));
        AssertRefused(claimed, new ClaimStep("bob", "sample", "first"), WorkflowErrorCodes.ClaimedByOther);
        AssertRefused(claimed, new CompleteStep("bob", "sample", "first", Outcome.Approve), WorkflowErrorCodes.ClaimedByOther);
        _fixture.Engine.Approve(claimed, "sample", "first", "alice");
    }

    [Fact]
    public void a_wait_step_cannot_be_completed_by_people()
    {
        var instance = Support.Started(_fixture.Engine, "talent-certification");
        instance = _fixture.Engine.Approve(instance, "talent-certification", "hrss-review");
        instance = _fixture.Engine.Approve(instance, "talent-certification", "expert-review");

        AssertRefused(instance, new CompleteStep("o", "talent-certification", "public-notice", Outcome.Approve), WorkflowErrorCodes.NotAHumanStep);
    }

    [Fact]
    public void supplying_nothing_outstanding_is_refused()
    {
        AssertRefused(_fixture.StartSample(), new SupplyMaterials("o", ["identity-card"]), WorkflowErrorCodes.NothingOutstanding);
    }
}
