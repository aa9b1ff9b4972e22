using Window.Contracts;
using Window.Grains.Cases.Commands;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

public sealed class when_claiming_a_step
{
    [Fact]
    public void the_department_of_the_step_claims_it_and_the_claim_is_journaled_under_it()
    {
        var (state, instance) = Opened();

        var decision = ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health), Step), Context());

        Assert.Null(decision.Refusal);
        Assert.Equal("medical-checkup.checkup-arrangement", decision.Target!.ToString());
        var entry = Assert.Single(decision.EntriesAfter(state));
        Assert.Equal("step-claimed", entry.Kind);
        Assert.Equal("health", entry.Department);
        Assert.NotNull(decision.Instance);
    }

    [Fact]
    public void another_department_finds_no_such_step()
    {
        var (state, instance) = Opened();

        var decision = ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Housing), Step), Context());

        Assert.Equal(OutcomeStatus.NotFound, decision.Refusal!.Status);
        Assert.Null(decision.Target);
    }

    [Fact]
    public void a_step_id_without_its_item_is_not_found()
    {
        var (state, instance) = Opened();

        var decision = ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health), "checkup-arrangement"), Context());

        Assert.Equal(OutcomeStatus.NotFound, decision.Refusal!.Status);
    }
}
